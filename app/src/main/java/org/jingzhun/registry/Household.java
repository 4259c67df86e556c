package org.jingzhun.registry;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedMap;

/**
 * A household as recorded: its village (and natural village or group), circumstances, per capita net income
 * by year, and members, exactly one of them the head. {@code version} guards against lost concurrent edits.
 * {@code externalRef} is the office's own household number (from its import file, or typed), unique within the county.
 * {@code headName} is the head's name, or for a household that merged into another the name of its last head. A household
 * formed by a split is on record from {@code formedOn}, split out of {@code formedFrom}; one that merged into
 * {@code mergedInto} ended on {@code endedOn}, keeping its record and history, without members.
 */
public record Household(long id, String villageCode, String villageName, String groupName, String address, String phone,
                        Category category, Status status, String mainCause, List<String> otherCauses,
                        String housingGrade, Boolean safeWater, String production, String bankAccount,
                        Integer registeredYear, SortedMap<Integer, BigDecimal> incomes, List<Member> members,
                        int version, OffsetDateTime createdAt, OffsetDateTime updatedAt, String externalRef,
                        String headName, java.time.LocalDate formedOn, Long formedFrom, java.time.LocalDate endedOn, Long mergedInto) {

    /** Dangerous-house grades, A safe to D. */
    public static final List<String> HOUSING_GRADES = List.of("A", "B", "C", "D");

    /** General poor, poor on minimum living allowance (dibao), destitute on five-guarantee support (wubao). */
    public enum Category { GENERAL, DIBAO, WUBAO }

    /**
     * Where the household stands. It changes only through {@link Households#changeStatus} and
     * {@link Households#changeStatuses}, along the
     * transitions of {@link #next()}: a rural household on record that is not poor may apply, a candidate is
     * identified or not, a registered household exits, returns to poverty, or is cancelled as wrongly registered.
     */
    public enum Status {
        NON_POOR, CANDIDATE, REGISTERED, EXITED, CANCELLED, RETURNED;

        /** The statuses this one may become. */
        public java.util.Set<Status> next() {
            return switch (this) {
                case NON_POOR -> java.util.EnumSet.of(CANDIDATE);
                case CANDIDATE -> java.util.EnumSet.of(REGISTERED, NON_POOR, CANCELLED);
                case REGISTERED, RETURNED -> java.util.EnumSet.of(EXITED, CANCELLED);
                case EXITED -> java.util.EnumSet.of(RETURNED);
                case CANCELLED -> java.util.EnumSet.noneOf(Status.class);
            };
        }
    }

    /** Whether the household ended (merged into another): it has no members and takes no changes. */
    public boolean ended() {
        return endedOn != null;
    }

    /** The head of the household (a household that ended has none). */
    public Member head() {
        return members.stream().filter(m -> m.relation() == Member.Relation.HEAD).findFirst().orElseThrow();
    }
}
