package org.jingzhun.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of a household's member history: who joined or left, the day it happened and the year it counts in, why, the
 * household they came from or went to (a split or a merge; its head's name, or null when the reader may not see it), and
 * who entered it when. Members recorded with the household have joined with it, on the day it was recorded, entered
 * then ({@code reason} null).
 */
public record MemberChange(LocalDate day, int year, Kind kind, String reason, String name, String idNumber,
                           Long otherHousehold, String otherHead, String note, String recordedBy, OffsetDateTime recordedAt) {

    /** Joined or left the household. */
    public enum Kind { JOIN, LEAVE }
}
