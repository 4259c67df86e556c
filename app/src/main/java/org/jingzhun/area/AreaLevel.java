package org.jingzhun.area;

import java.util.Arrays;
import java.util.Collection;
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

    /**
     * The code of the deepest area holding all the given ones (the nation's, empty, when none is given): where a
     * change touching several areas is filed, and the area a user's work is shared by.
     */
    public static String holdingAll(Collection<String> codes) {
        String common = null;
        for (String code : codes) {
            if (common == null) {
                common = code;
            } else {
                int same = 0;
                while (same < common.length() && same < code.length() && common.charAt(same) == code.charAt(same)) {
                    same++;
                }
                common = common.substring(0, same);
            }
        }
        if (common == null) {
            return "";
        }
        for (int i = values().length - 1; i > 0; i--) {
            if (common.length() >= values()[i].codeLength) {
                return common.substring(0, values()[i].codeLength);
            }
        }
        return "";
    }
}
