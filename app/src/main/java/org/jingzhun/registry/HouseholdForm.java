package org.jingzhun.registry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A household as entered, by a form or the API. Values are text where users type them, so that each bad
 * value is refused naming its field ({@code members[1].idNumber}) rather than failing to parse. {@code externalRef}
 * is the office's own household number, unique within the county; blank leaves the household without one.
 * An edit keeps every member and every year of income it is not told to change: a member missing from {@code members}
 * is refused unless {@code departures} says when and why they left, and a year missing from {@code incomes} is kept.
 */
public record HouseholdForm(String villageCode, String groupName, String address, String phone, String category,
                            String mainCause, List<String> otherCauses, String housingGrade, Boolean safeWater,
                            String production, String bankAccount, Integer registeredYear,
                            Map<Integer, BigDecimal> incomes, List<MemberForm> members, String externalRef,
                            List<Departure> departures) {

    /** The most members a household may have: more is refused, and the pages offer no more rows than this. */
    public static final int MAX_MEMBERS = 30;


    /** A household as entered with its external reference, no member leaving. */
    public HouseholdForm(String villageCode, String groupName, String address, String phone, String category,
                         String mainCause, List<String> otherCauses, String housingGrade, Boolean safeWater,
                         String production, String bankAccount, Integer registeredYear,
                         Map<Integer, BigDecimal> incomes, List<MemberForm> members, String externalRef) {
        this(villageCode, groupName, address, phone, category, mainCause, otherCauses, housingGrade, safeWater, production,
                bankAccount, registeredYear, incomes, members, externalRef, null);
    }

    /** Maximum length of the office's own household number. */
    public static final int EXTERNAL_REF_LENGTH = 50;

    /** A household without an external reference, as entered before households had one. */
    public HouseholdForm(String villageCode, String groupName, String address, String phone, String category,
                         String mainCause, List<String> otherCauses, String housingGrade, Boolean safeWater,
                         String production, String bankAccount, Integer registeredYear,
                         Map<Integer, BigDecimal> incomes, List<MemberForm> members) {
        this(villageCode, groupName, address, phone, category, mainCause, otherCauses, housingGrade, safeWater, production,
                bankAccount, registeredYear, incomes, members, null);
    }

    /** A member as entered; sex and birth date may be left out, then they are taken from the ID number. */
    public record MemberForm(String name, String idNumber, String relation, String sex, String birthDate,
                             String ethnicity, String education, String schooling, String health,
                             Integer disabilityGrade, String workAbility, String skills, String migrantPlace,
                             Integer migrantMonths, String joinedOn, String joinReason) {

        /**
         * A member as entered without joining details: recorded with a new household. A member added to a household on
         * record needs the day ({@code joinedOn}) and the reason ({@code joinReason}: BIRTH, MARRIAGE_IN, RETURN).
         */
        public MemberForm(String name, String idNumber, String relation, String sex, String birthDate, String ethnicity,
                          String education, String schooling, String health, Integer disabilityGrade, String workAbility,
                          String skills, String migrantPlace, Integer migrantMonths) {
            this(name, idNumber, relation, sex, birthDate, ethnicity, education, schooling, health, disabilityGrade,
                    workAbility, skills, migrantPlace, migrantMonths, null, null);
        }
    }

    /**
     * A member of the household on record who is no longer on the form: the day they left ({@code day}, ISO) and why
     * ({@code reason}: DEATH, MARRIAGE_OUT, MOVED_AWAY). Nobody leaves an edit without one.
     */
    public record Departure(String idNumber, String day, String reason) {
    }
}
