package org.jingzhun.identification.internal;

import java.util.Set;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.platform.Caller;

/** Who acts at which level: a user acts at a level for a village when bound to the area of that level holding it. */
final class Levels {

    private Levels() {
    }

    /** Whether the caller is bound to an area of one of the levels that holds the village. */
    static boolean actsAt(Caller caller, String villageCode, Set<AreaLevel> levels) {
        return caller.areas().stream().anyMatch(area -> villageCode.startsWith(area)
                && AreaLevel.ofCodeLength(area.length()).filter(levels::contains).isPresent());
    }

    /** Whether the caller is bound to an area above the county that holds it (prefecture, province, nation). */
    static boolean above(Caller caller, String countyCode) {
        return caller.areas().stream().anyMatch(area -> area.length() < AreaLevel.COUNTY.codeLength() && countyCode.startsWith(area));
    }

    /** The longest code of a level that holds all the villages: where a file attached to their step belongs. */
    static String commonArea(java.util.Collection<String> villageCodes) {
        String common = villageCodes.iterator().next();
        for (String code : villageCodes) {
            int i = 0;
            while (i < common.length() && i < code.length() && common.charAt(i) == code.charAt(i)) {
                i++;
            }
            common = common.substring(0, i);
        }
        for (AreaLevel level : new AreaLevel[] {AreaLevel.VILLAGE, AreaLevel.TOWNSHIP, AreaLevel.COUNTY, AreaLevel.PREFECTURE,
                AreaLevel.PROVINCE}) {
            if (common.length() >= level.codeLength()) {
                return common.substring(0, level.codeLength());
            }
        }
        return "";
    }
}
