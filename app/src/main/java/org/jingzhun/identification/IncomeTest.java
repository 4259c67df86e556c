package org.jingzhun.identification;

import java.math.BigDecimal;

/**
 * The income test of a household: its per capita net income of the round's year against the poverty line in
 * force for its province and year. Eligible only when strictly below the line; unknown when no income is recorded.
 */
public record IncomeTest(int year, BigDecimal income, BigDecimal line, boolean provincialLine, Result result) {

    public enum Result { ELIGIBLE, INELIGIBLE, UNKNOWN }

    public static IncomeTest of(int year, BigDecimal income, BigDecimal line, boolean provincialLine) {
        Result result = income == null ? Result.UNKNOWN : income.compareTo(line) < 0 ? Result.ELIGIBLE : Result.INELIGIBLE;
        return new IncomeTest(year, income, line, provincialLine, result);
    }
}
