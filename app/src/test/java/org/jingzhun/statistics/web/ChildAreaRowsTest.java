package org.jingzhun.statistics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.statistics.Indicators;
import org.junit.jupiter.api.Test;

/** The dashboard's child rows as the template wrote them: a link to the child's year, each figure with its value. */
class ChildAreaRowsTest {

    @Test
    void writesEachChildWithItsLinkAndFigures() {
        Indicators township = new Indicators("530326102", "娜姑镇 <b>&", AreaLevel.TOWNSHIP, 2016, 12_345, 47_000, 2_000, 6_967,
                new BigDecimal("14.68"), 10, 30, 2, 5, 0, 0, 3, new BigDecimal("3456.70"), null, null);
        String html = ChildAreaRows.html(List.of(township), 2016, "/jz");
        assertThat(html).startsWith("\n                <tr data-area=\"530326102\">\n                    <td data-value=\"530326102\">\n")
                .contains("<a href=\"/jz/statistics?area=530326102&amp;year=2016\">娜姑镇 &lt;b&gt;&amp;</a></td>")
                .contains("<td class=\"text-end\" data-value=\"12345\" data-column=\"HOUSEHOLDS\">12,345</td>")
                .contains("<td class=\"text-end\" data-value=\"14.68\" data-column=\"INCIDENCE\">14.68 %</td>")
                .contains("<td class=\"text-end\" data-value=\"3456.70\" data-column=\"MEAN_INCOME\">3,456.70</td>")
                // none: no value to sort by, a dash to read
                .contains("<td class=\"text-end\" data-column=\"MEDIAN_INCOME\">—</td>")
                .endsWith("\n                </tr>\n                ");
        assertThat(html.split("<td class=\"text-end\"", -1)).hasSize(Column.values().length + 1);
    }

    @Test
    void writesNoRowsForNoChildren() {
        assertThat(ChildAreaRows.html(List.of(), 2016, "")).isBlank();
    }
}
