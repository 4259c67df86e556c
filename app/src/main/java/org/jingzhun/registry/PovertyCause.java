package org.jingzhun.registry;

/** A cause of poverty on the code list, with its Chinese and English names. */
public record PovertyCause(String code, String nameZh, String nameEn) {
}
