package org.jingzhun.identification;

import java.math.BigDecimal;

/**
 * One village as assessed, with its grounds: rural residents and poor people, the poverty rate, the per capita
 * income, the collective income, where each figure came from, and the three tests ("high": rate at least twice
 * the province's; "low": income below 60% of the province's; "none": no collective income). A test is null when
 * its figure is missing; a village is a candidate when all three hold.
 */
public record VillageAssessment(String villageCode, String villageName, int year, Integer ruralResidents,
                                Source residentsSource, int poorPeople, BigDecimal povertyRate,
                                BigDecimal perCapitaIncome, Source incomeSource, BigDecimal collectiveIncome,
                                Boolean high, Boolean low, Boolean none, boolean candidate) {

    /** Where a figure came from. */
    public enum Source { ENTERED, REGISTRY, NONE }
}
