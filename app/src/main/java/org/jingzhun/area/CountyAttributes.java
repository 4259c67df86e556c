package org.jingzhun.area;

/**
 * The poverty-alleviation attributes of one county-level area. {@code region} is the county's own when set,
 * otherwise its province's ({@code regionSet} tells which). Poor counties are the national key counties
 * plus the counties of the contiguous destitute areas, so either of those implies {@code poor}.
 */
public record CountyAttributes(String countyCode, String countyName, boolean nationalKey, boolean poor,
                               String destituteArea, boolean provincialKey, Region region, boolean regionSet) {
}
