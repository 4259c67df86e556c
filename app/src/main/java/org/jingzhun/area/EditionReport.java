package org.jingzhun.area;

import java.time.Duration;

/** What loading an edition of the division codes did: rows per level and the changes to what was stored. */
public record EditionReport(String source, int provinces, int prefectures, int counties, int townships,
                            int villages, int added, int renamed, int retired, Duration took) {

    public int total() {
        return provinces + prefectures + counties + townships + villages;
    }
}
