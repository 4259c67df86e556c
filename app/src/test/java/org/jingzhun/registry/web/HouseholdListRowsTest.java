package org.jingzhun.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdSummary;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** The list's rows as the template wrote them: texts escaped as th:text escapes, labels in the reader's language. */
class HouseholdListRowsTest {

    private final StaticMessageSource messages = new StaticMessageSource();

    HouseholdListRowsTest() {
        messages.addMessage("category.DIBAO", Locale.SIMPLIFIED_CHINESE, "低保贫困户");
        messages.addMessage("status.REGISTERED", Locale.SIMPLIFIED_CHINESE, "建档立卡贫困户");
        messages.addMessage("category.GENERAL", Locale.ENGLISH, "General poor");
        messages.addMessage("status.CANDIDATE", Locale.ENGLISH, "Candidate");
    }

    @Test
    void writesEachRowWithItsLinkLabelsAndIncome() {
        String html = HouseholdListRows.html(List.of(
                new HouseholdSummary(7000, "530326102203", "云南省 / 会泽县 / 青云村", "赵伟宁", "5303261975******34", 6,
                        Household.Category.DIBAO, Household.Status.REGISTERED, null, 2014, new BigDecimal("1234567.5"), null)),
                messages, Locale.SIMPLIFIED_CHINESE, "/jz");
        String row = "            ", cell = "                "; // the template's indentation, kept
        assertThat(html).isEqualTo("\n" + row + "<tr data-household=\"7000\">"
                + "\n" + cell + "<td><a href=\"/jz/households/7000\">赵伟宁</a></td>"
                + "\n" + cell + "<td><code>5303261975******34</code></td>"
                + "\n" + cell + "<td class=\"small\">云南省 / 会泽县 / 青云村</td>"
                + "\n" + cell + "<td class=\"text-end\">6</td>"
                + "\n" + cell + "<td>低保贫困户</td>"
                + "\n" + cell + "<td>建档立卡贫困户</td>"
                + "\n" + cell + "<td class=\"text-end\">2014: 1,234,567.50</td>"
                + "\n" + row + "</tr>\n" + row);
    }

    @Test
    void escapesMarkupAndLeavesNoIncomeEmpty() {
        String html = HouseholdListRows.html(List.of(
                new HouseholdSummary(1, "530326102203", "<b>村</b>", "A&B \"'x'\"", null, 1,
                        Household.Category.GENERAL, Household.Status.CANDIDATE, null, null, null, null)),
                messages, Locale.ENGLISH, "");
        assertThat(html).contains("<a href=\"/households/1\">A&amp;B &quot;&#39;x&#39;&quot;</a>")
                .contains("<td class=\"small\">&lt;b&gt;村&lt;/b&gt;</td>")
                .contains("<td><code></code></td>")
                .contains("<td>General poor</td>").contains("<td>Candidate</td>")
                .contains("<td class=\"text-end\"></td>")
                .doesNotContain("<b>");
    }

    @Test
    void writesNothingButTheClosingIndentForNoRows() {
        assertThat(HouseholdListRows.html(List.of(), messages, Locale.ENGLISH, "")).isBlank();
    }
}
