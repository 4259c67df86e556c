package org.jingzhun.platform;

/** What a user may do, within the areas the user is bound to. A user may hold several roles. */
public enum Role {
    /** Manages users inside its areas and the reference settings of its areas (county attributes, poverty lines). */
    ADMINISTRATOR,
    /** Village and township operators: enter and edit households. */
    DATA_ENTRY,
    /** Acts in the workflows at its level: reviews, approves, announces. */
    REVIEWER,
    /** Reads statistics. */
    ANALYST,
    /** Reads everything in its areas, the audit trail included; changes nothing. */
    AUDITOR
}
