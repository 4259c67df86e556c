package org.jingzhun.area;

/** A contiguous destitute area (e.g. Wumeng Mountains), with its Chinese and English names. */
public record DestituteArea(String code, String nameZh, String nameEn) {
}
