package org.jingzhun.procedure.internal;

import org.jingzhun.area.AreaLevel;

/** The levels of area codes: where a file attached to a step of many subjects belongs. */
final class Levels {

    private Levels() {
    }

    /** The longest code of a level that holds all the villages: where a file attached to their step belongs. */
    static String commonArea(java.util.Collection<String> villageCodes) {
        return AreaLevel.holdingAll(villageCodes);
    }
}
