package org.jingzhun.registry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A household as entered, by a form or the API. Values are text where users type them, so that each bad
 * value is refused naming its field ({@code members[1].idNumber}) rather than failing to parse.
 */
public record HouseholdForm(String villageCode, String groupName, String address, String phone, String category,
                            String mainCause, List<String> otherCauses, String housingGrade, Boolean safeWater,
                            String production, String bankAccount, Integer registeredYear,
                            Map<Integer, BigDecimal> incomes, List<MemberForm> members) {

    /** A member as entered; sex and birth date may be left out, then they are taken from the ID number. */
    public record MemberForm(String name, String idNumber, String relation, String sex, String birthDate,
                             String ethnicity, String education, String schooling, String health,
                             Integer disabilityGrade, String workAbility, String skills, String migrantPlace,
                             Integer migrantMonths) {
    }
}
