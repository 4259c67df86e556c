package org.jingzhun.registry;

import java.time.LocalDate;

/** A member of a household, identified across the country by the resident ID number. */
public record Member(long id, String name, String idNumber, Relation relation, ResidentId.Sex sex, LocalDate birthDate,
                     String ethnicity, String education, String schooling, Health health, Integer disabilityGrade,
                     String workAbility, String skills, String migrantPlace, Integer migrantMonths, java.time.LocalDate joinedOn,
                     JoinReason joinReason) {

    /** Why a member joined a household after it was recorded (null for those recorded with it). */
    public enum JoinReason { BIRTH, MARRIAGE_IN, RETURN, SPLIT, MERGE }

    /** Why a member left a household. SPLIT and MERGE come with the household they joined. */
    public enum LeaveReason { DEATH, MARRIAGE_OUT, MOVED_AWAY, SPLIT, MERGE }

    /** The reasons a form or the API may give for one member joining or leaving; the others are a split's or a merge's. */
    public static final java.util.Set<JoinReason> JOINS_ALONE = java.util.EnumSet.of(JoinReason.BIRTH, JoinReason.MARRIAGE_IN, JoinReason.RETURN);
    public static final java.util.Set<LeaveReason> LEAVES_ALONE = java.util.EnumSet.of(LeaveReason.DEATH, LeaveReason.MARRIAGE_OUT, LeaveReason.MOVED_AWAY);

    /** Relation to the head of the household. */
    public enum Relation { HEAD, SPOUSE, CHILD, CHILD_IN_LAW, GRANDCHILD, PARENT, GRANDPARENT, SIBLING, OTHER }

    /** The code lists of education, schooling and ability to work, in the order forms offer them. */
    public static final java.util.List<String> EDUCATION = java.util.List.of("NONE", "PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL", "COLLEGE");
    public static final java.util.List<String> SCHOOLING = java.util.List.of("NOT_IN_SCHOOL", "PRESCHOOL", "PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL", "COLLEGE");
    public static final java.util.List<String> WORK_ABILITY = java.util.List.of("FULL", "WEAK", "NONE");

    /** Health as recorded; disability comes with a grade (1 the most severe to 4). */
    public enum Health { HEALTHY, CHRONIC_ILLNESS, SERIOUS_ILLNESS, DISABILITY }
}
