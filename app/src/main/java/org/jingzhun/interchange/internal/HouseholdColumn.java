package org.jingzhun.interchange.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * The columns of a household file, one row per member: the household's own columns (read from the head's
 * row; on the other rows blank or the same), then the member's. Templates, imports and exports share them.
 */
enum HouseholdColumn {
    HOUSEHOLD("household", true, true, null),
    VILLAGE_CODE("villageCode", true, true, null),
    GROUP_NAME("groupName", false, true, null),
    ADDRESS("address", false, true, null),
    PHONE("phone", false, true, null),
    CATEGORY("category", true, true, "category."),
    MAIN_CAUSE("mainCause", false, true, null),
    OTHER_CAUSES("otherCauses", false, true, null),
    HOUSING_GRADE("housingGrade", false, true, "housing."),
    SAFE_WATER("safeWater", false, true, null),
    PRODUCTION("production", false, true, null),
    BANK_ACCOUNT("bankAccount", false, true, null),
    REGISTERED_YEAR("registeredYear", false, true, null),
    INCOME_YEAR("incomeYear", false, true, null),
    INCOME("income", false, true, null),
    NAME("name", true, false, null),
    ID_NUMBER("idNumber", true, false, null),
    RELATION("relation", true, false, "relation."),
    SEX("sex", false, false, "sex."),
    BIRTH_DATE("birthDate", false, false, null),
    ETHNICITY("ethnicity", false, false, null),
    EDUCATION("education", false, false, "education."),
    SCHOOLING("schooling", false, false, "schooling."),
    HEALTH("health", false, false, "health."),
    DISABILITY_GRADE("disabilityGrade", false, false, null),
    WORK_ABILITY("workAbility", false, false, "workAbility."),
    SKILLS("skills", false, false, null),
    MIGRANT_PLACE("migrantPlace", false, false, null),
    MIGRANT_MONTHS("migrantMonths", false, false, null);

    /** The household's own columns, compared between the rows of one household. */
    static final List<HouseholdColumn> OF_HOUSEHOLD = java.util.Arrays.stream(values()).filter(c -> c.household).toList();

    /** The name of the column in forms, the API and problems ({@code idNumber}). */
    final String key;
    /** Whether a file without this column is refused. */
    final boolean required;
    final boolean household;
    /** The message prefix of the labels of a coded column, or null when the column is not coded. */
    final String labels;

    HouseholdColumn(String key, boolean required, boolean household, String labels) {
        this.key = key;
        this.required = required;
        this.household = household;
        this.labels = labels;
    }

    /** The header in the given language. */
    String header(MessageSource messages, Locale locale) {
        return messages.getMessage("import.column." + key, null, locale);
    }

    /** What the column holds and how to write it, for the template's explanation sheet. */
    String help(MessageSource messages, Locale locale) {
        String help = messages.getMessage("import.column." + key + ".help", null, locale);
        // The household number is more than a grouping now: it stays with the household as its reference.
        return this == HOUSEHOLD ? help + " " + messages.getMessage("import.column.household.kept", null, locale) : help;
    }

    /** The column a problem's field belongs to: {@code members[2].idNumber} and {@code incomes[2014]} have one. */
    static HouseholdColumn ofField(String field) {
        String name = field == null ? "" : field.replaceFirst("^members\\[\\d+]\\.", "");
        if (name.startsWith("incomes[")) {
            return INCOME;
        }
        if (name.equals("externalRef")) {
            return HOUSEHOLD; // the household's reference is the file's household number
        }
        for (HouseholdColumn column : values()) {
            if (column.key.equals(name)) {
                return column;
            }
        }
        return null;
    }
}
