package org.jingzhun.statistics.web;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

import org.jingzhun.statistics.Indicators;

/** The indicators as shown in every table, card and sheet, in this order, each with its label key and kind. */
public enum Column {
    HOUSEHOLDS(Kind.COUNT, Indicators::households),
    RESIDENTS(Kind.COUNT, Indicators::residents),
    POOR_HOUSEHOLDS(Kind.COUNT, Indicators::poorHouseholds),
    POOR_RESIDENTS(Kind.COUNT, Indicators::poorResidents),
    INCIDENCE(Kind.PERCENT, Indicators::incidence),
    REGISTERED_HOUSEHOLDS(Kind.COUNT, Indicators::registeredHouseholds),
    REGISTERED_PEOPLE(Kind.COUNT, Indicators::registeredPeople),
    EXITED_HOUSEHOLDS(Kind.COUNT, Indicators::exitedHouseholds),
    EXITED_PEOPLE(Kind.COUNT, Indicators::exitedPeople),
    RETURNED_HOUSEHOLDS(Kind.COUNT, Indicators::returnedHouseholds),
    RETURNED_PEOPLE(Kind.COUNT, Indicators::returnedPeople),
    POOR_VILLAGES(Kind.COUNT, Indicators::poorVillages),
    MEAN_INCOME(Kind.YUAN, Indicators::meanIncome),
    MEDIAN_INCOME(Kind.YUAN, Indicators::medianIncome),
    INCOME_GROWTH(Kind.PERCENT, Indicators::incomeGrowth);

    /** How a value is written: a whole number, a percentage, or yuan. */
    public enum Kind { COUNT, PERCENT, YUAN }

    private final Kind kind;
    private final Function<Indicators, Object> value;

    Column(Kind kind, Function<Indicators, Object> value) {
        this.kind = kind;
        this.value = value;
    }

    /** The message key of the column's label, e.g. {@code statistics.column.POOR_RESIDENTS}. */
    public String key() {
        return "statistics.column." + name();
    }

    public Kind kind() {
        return kind;
    }

    /** The value in these indicators: a Long or a BigDecimal, or null when there is none (incidence without residents). */
    public Object value(Indicators indicators) {
        return value.apply(indicators);
    }

    /**
     * The value as written everywhere in statistics, in every language: digits grouped by commas, a percentage or
     * yuan with two decimals, a dash for none. Written here, not by a template fragment per cell: a county's table
     * has some three hundred cells, and a fragment each was most of the dashboard's rendering.
     */
    public String text(Indicators indicators) {
        Object v = value(indicators);
        if (v == null) {
            return "—";
        }
        return switch (kind) {
            case COUNT -> String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
            case PERCENT -> String.format(Locale.ROOT, "%,.2f %%", (BigDecimal) v);
            case YUAN -> String.format(Locale.ROOT, "%,.2f", (BigDecimal) v);
        };
    }
}
