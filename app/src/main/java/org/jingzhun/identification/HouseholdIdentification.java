package org.jingzhun.identification;

import java.util.List;

/**
 * The identification of poor households, round by round, within the caller's areas: a county opens its round
 * of the year, households apply, and the steps of {@link Procedure#HOUSEHOLD} take them to the announcement,
 * one at a time or a whole list at once; the announced are registered in the registry.
 */
public interface HouseholdIdentification {

    /** Opens the round of a county and year (reviewers and administrators of the county or above). */
    Round openRound(Round.Form form);

    /** A round inside the caller's areas; any other is not found. */
    Round round(long id);

    /** The rounds of the counties inside an area, newest year first. */
    List<Round> rounds(String areaCode);

    /** Sets the quota of a round (a level above the county), with the reason; null leaves a figure without limit. */
    Round setQuota(long roundId, Integer households, Integer people, String reason);

    /** Allows the county to approve beyond its quota (a level above the county), with the reason. */
    Round overrideQuota(long roundId, String reason);

    /**
     * Starts the procedure for households of the round's county, all or none: each must be on record at a
     * village of the caller's, not registered already, and in no other procedure that has not ended.
     */
    StepResult apply(long roundId, List<Long> householdIds, Application.Proposer proposedBy, String note);

    /**
     * As above, the households having applied on {@code day} (today when null; never in the future): the day of
     * the procedure's first step, which every later step follows.
     */
    StepResult apply(long roundId, List<Long> householdIds, Application.Proposer proposedBy, java.time.LocalDate day,
                     String note);

    /** Makes a step of {@link Procedure#HOUSEHOLD} for the applications named, all or none. */
    StepResult step(StepRequest request);

    /** One application inside the caller's areas. */
    Application application(long id);

    /**
     * Every application of one household inside the caller's areas, oldest first (at most {@code 100}: one a year);
     * a household outside them is not found.
     */
    List<Application> applicationsOf(long householdId);

    /** Applications of a round inside an area (village, township or county), optionally at one stage, one page. */
    Page applications(Query query);

    /** What to list: the round, an area inside it, a stage (null: all), the page. */
    record Query(long roundId, String areaCode, Stage stage, int page, int size) {
    }

    /** One page of applications, and whether more follow. */
    record Page(List<Application> applications, int page, int size, boolean more) {
    }
}
