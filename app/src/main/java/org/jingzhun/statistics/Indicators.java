package org.jingzhun.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jingzhun.area.AreaLevel;

/**
 * The indicators of one area at the end of one year. Rural households and residents are all those on record
 * but cancelled; the registered poor are those registered or returned to poverty; registered, exited and
 * returned count the households (and their people) whose status became so in the year. Incomes are per capita
 * net incomes of the year of the households poor at its end, over their people: the mean, the median person's
 * (to the yuan) and the growth since the year before of the same households; null when there are none.
 *
 * @param incidence poor residents per 100 rural residents, two decimals; null without residents
 */
public record Indicators(String areaCode, String areaName, AreaLevel level, int year,
                         long households, long residents, long poorHouseholds, long poorResidents, BigDecimal incidence,
                         long registeredHouseholds, long registeredPeople, long exitedHouseholds, long exitedPeople,
                         long returnedHouseholds, long returnedPeople, long poorVillages,
                         BigDecimal meanIncome, BigDecimal medianIncome, BigDecimal incomeGrowth) {

    /** Poor residents per 100 residents, two decimals; null when there are no residents. */
    public static BigDecimal incidence(long poorResidents, long residents) {
        return residents == 0 ? null
                : BigDecimal.valueOf(poorResidents * 100).divide(BigDecimal.valueOf(residents), 2, RoundingMode.HALF_UP);
    }
}
