package org.jingzhun.identification;

/** Where a household's or a village's procedure stands; announced and rejected are the ends. */
public enum Stage {
    APPLIED, APPRAISED, VERIFIED, FIRST_PUBLICITY, TOWNSHIP_REVIEWED, SECOND_PUBLICITY, PUBLICITY, COUNTY_APPROVED,
    ANNOUNCED, REJECTED;

    /** Whether the list is posted in the village in this stage, open to objections until its end. */
    public boolean publicity() {
        return this == FIRST_PUBLICITY || this == SECOND_PUBLICITY || this == PUBLICITY;
    }

    /** Whether the procedure has ended. */
    public boolean ended() {
        return this == ANNOUNCED || this == REJECTED;
    }
}
