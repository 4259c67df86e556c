package org.jingzhun.interchange;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Demonstration data: synthetic rural households and members on the real villages of a province, calibrated
 * to published figures (by default Yunnan's 2014 record creation) and deterministic for a seed, so that the
 * system can be shown, tested and measured at the size of a real province.
 */
public interface DemonstrationData {

    /**
     * Fills an empty province with households, members and incomes in one transaction, reporting progress as it
     * goes; refused unless the caller is a national administrator, the code a province without households and
     * the scale in (0, 1].
     */
    Report generate(String provinceCode, Calibration calibration, double scale, long seed, Consumer<Progress> progress);

    /** The same with some counties (6-digit codes) at scales of their own, each in (0, 1], the rest at {@code scale}. */
    Report generate(String provinceCode, Calibration calibration, double scale, java.util.Map<String, Double> countyScales,
                    long seed, Consumer<Progress> progress);

    /**
     * The figures the data reproduces at scale 1: rural households and residents, those below the poverty line
     * of {@code incomeYear} (identified the year after), and the mean per capita net income of rural residents.
     */
    record Calibration(int incomeYear, long households, long residents, long poorHouseholds, long poorResidents,
                       BigDecimal meanIncome) {

        /** Yunnan's record creation of 2014 on 2013 incomes (domain.md): 9.693 million households, 1.962 million poor. */
        public static final Calibration YUNNAN_2014 = new Calibration(2013, 9_693_000, 37_251_000, 1_962_000, 7_002_000,
                new BigDecimal("6141"));
    }

    /** The stages of a generation, in order. */
    enum Stage { PLANNING, HOUSEHOLDS, INCOMES, MEMBERS, DONE }

    /** How far a generation is: households written in the current stage of those planned. */
    record Progress(Stage stage, long households, long plannedHouseholds) {

        /** The whole generation's progress from 0 to 1, for a progress bar (the members take most of the time). */
        public double fraction() {
            double within = plannedHouseholds == 0 ? 1 : (double) households / plannedHouseholds;
            return switch (stage) {
                case PLANNING -> 0;
                case HOUSEHOLDS -> 0.20 * within;
                case INCOMES -> 0.20 + 0.10 * within;
                case MEMBERS -> 0.30 + 0.70 * within;
                case DONE -> 1;
            };
        }
    }

    /**
     * What was generated, with the spread of poverty over the villages (villages whose share of poor households
     * is at least twice the province's; share of the poor households living in the fifth of the villages with
     * the most of them) and the time of each stage.
     */
    record Report(String provinceCode, double scale, long seed, int villages, long households, long members,
                  long incomes, long poorHouseholds, long poorMembers, int villagesAtTwiceTheRate,
                  double poorShareInTopFifthOfVillages, Duration planningTime, Duration householdTime,
                  Duration incomeTime, Duration memberTime) {

        /** Rows written to the three tables. */
        public long rows() {
            return households + members + incomes;
        }

        /** The time of the four stages (the commit that follows is not in it). */
        public Duration time() {
            return planningTime.plus(householdTime).plus(incomeTime).plus(memberTime);
        }
    }
}
