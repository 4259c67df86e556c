package org.jingzhun.registry;

import java.math.BigDecimal;

/**
 * A line of a household list: where, the head (ID number as {@link HouseholdDisclosure} shows it to the reader), size,
 * category, status, latest income, and the office's own household number.
 */
public record HouseholdSummary(long id, String villageCode, String villageName, String headName, String headIdNumber,
                               int members, Household.Category category, Household.Status status, String mainCause,
                               Integer incomeYear, BigDecimal income, String externalRef) {
}
