package org.jingzhun.registry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A household as entered, by a form or the API. Values are text where users type them, so that each bad
 * value is refused naming its field ({@code members[1].idNumber}) rather than failing to parse. {@code externalRef}
 * is the office's own household number, unique within the county; blank leaves the household without one.
 */
public record HouseholdForm(String villageCode, String groupName, String address, String phone, String category,
                            String mainCause, List<String> otherCauses, String housingGrade, Boolean safeWater,
                            String production, String bankAccount, Integer registeredYear,
                            Map<Integer, BigDecimal> incomes, List<MemberForm> members, String externalRef) {

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
                             Integer migrantMonths) {
    }
}
