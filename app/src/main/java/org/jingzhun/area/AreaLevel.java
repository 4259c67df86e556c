package org.jingzhun.area;

import java.util.Arrays;
import java.util.Optional;

/** The levels of the division codes, each with the length of its code. */
public enum AreaLevel {
    NATION(0, 0),
    PROVINCE(1, 2),
    PREFECTURE(2, 4),
    COUNTY(3, 6),
    TOWNSHIP(4, 9),
    VILLAGE(5, 12);

    private final int depth;
    private final int codeLength;

    AreaLevel(int depth, int codeLength) {
        this.depth = depth;
        this.codeLength = codeLength;
    }

    public int depth() {
        return depth;
    }

    public int codeLength() {
        return codeLength;
    }

    /** The level one step up; the nation has none. */
    public AreaLevel parent() {
        return this == NATION ? null : values()[ordinal() - 1];
    }

    public static AreaLevel ofDepth(int depth) {
        return values()[depth];
    }

    /** The level whose codes have this length, if any. */
    public static Optional<AreaLevel> ofCodeLength(int length) {
        return Arrays.stream(values()).filter(l -> l.codeLength == length).findFirst();
    }
}
