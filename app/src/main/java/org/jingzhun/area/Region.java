package org.jingzhun.area;

import java.util.Set;

/** East, central or west China; the west has looser exit thresholds. */
public enum Region {
    EAST, CENTRAL, WEST;

    private static final Set<String> EAST_PROVINCES = Set.of("11", "12", "13", "21", "31", "32", "33", "35", "37", "44", "46");
    private static final Set<String> CENTRAL_PROVINCES = Set.of("14", "22", "23", "34", "36", "41", "42", "43");

    /** The region named by the text; blank is none ("as its province"); anything else is refused naming the field. */
    public static Region parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Region region : values()) {
            if (region.name().equals(text.strip())) {
                return region;
            }
        }
        throw org.jingzhun.platform.DomainException.invalid(java.util.List.of(
                new org.jingzhun.platform.DomainException.FieldProblem("region", "unknown", "county.region.unknown", text)));
    }

    /**
     * The region of a province in poverty policy: the twelve western provinces include Inner Mongolia
     * and Guangxi. A county may be set to another region (e.g. minority prefectures of central provinces).
     */
    public static Region ofProvince(String provinceCode) {
        String province = provinceCode.substring(0, 2);
        if (EAST_PROVINCES.contains(province)) {
            return EAST;
        }
        return CENTRAL_PROVINCES.contains(province) ? CENTRAL : WEST;
    }
}
