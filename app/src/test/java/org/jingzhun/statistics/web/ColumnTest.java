package org.jingzhun.statistics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.statistics.Indicators;
import org.junit.jupiter.api.Test;

/** Figures are written alike in every table, card and language: grouped digits, two decimals, a dash for none. */
class ColumnTest {

    @Test
    void aFigureIsWrittenByItsKind() {
        Indicators county = new Indicators("530326", "会泽县", AreaLevel.COUNTY, 2014, 278_786, 1_071_942, 60_123, 230_456,
                new BigDecimal("21.50"), 0, 0, 0, 0, 0, 0, 12, new BigDecimal("2345.60"), BigDecimal.valueOf(2100), null);
        assertThat(Column.HOUSEHOLDS.text(county)).isEqualTo("278,786");
        assertThat(Column.POOR_VILLAGES.text(county)).isEqualTo("12");
        assertThat(Column.EXITED_HOUSEHOLDS.text(county)).isEqualTo("0");
        assertThat(Column.INCIDENCE.text(county)).isEqualTo("21.50 %");
        assertThat(Column.MEAN_INCOME.text(county)).isEqualTo("2,345.60");
        assertThat(Column.MEDIAN_INCOME.text(county)).isEqualTo("2,100.00");
        assertThat(Column.INCOME_GROWTH.text(county)).isEqualTo("—");
    }
}
