package org.jingzhun.procedure.internal;

import org.jingzhun.area.AreaLevel;

/** The levels of area codes: where a file attached to a step of many subjects belongs. */
final class Levels {

    private Levels() {
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
