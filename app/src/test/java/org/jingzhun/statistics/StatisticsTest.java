package org.jingzhun.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of a small hand-built registry in Xining (Qinghai, where no other test records anyone), checked
 * one by one against what a person counts by hand: two townships of Chengdong district, villages with and
 * without households, a household cancelled, one that moves between villages and one that exits; then the
 * sum rule over every rollup row, and the areas a caller may read.
 */
@JingzhunTest
@Transactional
class StatisticsTest {

    static final String COUNTY = "630102";
    static final String TOWNSHIP = "630102001";
    static final String OTHER_TOWNSHIP = "630102002";
    static final String V1 = "630102001001";
    static final String V2 = "630102001004";
    static final String EMPTY_VILLAGE = "630102001005";
    static final String V4 = "630102002008";
    static final int NOW = org.jingzhun.platform.ChinaClock.thisYear();

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    @Autowired
    Statistics statistics;
    @Autowired
    Households households;
    @Autowired
    org.jingzhun.registry.HouseholdsWritten written;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    long h1;
    long h3;
    long mover;

    @BeforeEach
    void registry() {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        // V1: two poor households registered in 2024, one non-poor, one cancelled (never counted).
        h1 = household(V1, "REGISTERED", 2024, "ILLNESS", "GENERAL", List.of("SERIOUS_ILLNESS", "HEALTHY", "HEALTHY", "HEALTHY"),
                Map.of(2024, "2000.00", 2025, "2500.00"));
        household(V1, "NON_POOR", null, null, "GENERAL", List.of("HEALTHY", "HEALTHY", "HEALTHY"), Map.of(2024, "8000.00"));
        h3 = household(V1, "REGISTERED", 2024, "DISABILITY", "DIBAO", List.of("DISABILITY", "HEALTHY"),
                Map.of(2024, "1500.00", 2025, "1800.00"));
        household(V1, "CANCELLED", 2024, "LACK_OF_FUNDS", "GENERAL", List.of("HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY"),
                Map.of(2024, "1000.00"));
        // V2: one person registered in 2025. The other township's V4: a non-poor household that will move to V2.
        household(V2, "REGISTERED", 2025, "ILLNESS", "WUBAO", List.of("CHRONIC_ILLNESS"), Map.of(2025, "2200.00"));
        mover = household(V4, "NON_POOR", null, null, "GENERAL", List.of("HEALTHY", "HEALTHY"), Map.of(2024, "5000.00"));
        statistics.refresh();
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void aVillageYearByYear() {
        Indicators y2024 = indicators(V1, 2024);
        assertThat(y2024.households()).isEqualTo(3);
        assertThat(y2024.residents()).isEqualTo(9);
        assertThat(y2024.poorHouseholds()).isEqualTo(2);
        assertThat(y2024.poorResidents()).isEqualTo(6);
        assertThat(y2024.incidence()).isEqualByComparingTo("66.67");
        assertThat(y2024.registeredHouseholds()).isEqualTo(2);
        assertThat(y2024.registeredPeople()).isEqualTo(6);
        assertThat(y2024.exitedHouseholds()).isZero();
        // (2000 x 4 + 1500 x 2) / 6 people; the median person has 2000; no income of 2023 to grow from
        assertThat(y2024.meanIncome()).isEqualByComparingTo("1833.33");
        assertThat(y2024.medianIncome()).isEqualByComparingTo("2000");
        assertThat(y2024.incomeGrowth()).isNull();

        Indicators y2025 = indicators(V1, 2025);
        assertThat(List.of(y2025.households(), y2025.residents(), y2025.poorHouseholds(), y2025.poorResidents()))
                .containsExactly(3L, 9L, 2L, 6L);
        assertThat(y2025.registeredHouseholds()).isZero();
        assertThat(y2025.meanIncome()).isEqualByComparingTo("2266.67"); // (2500 x 4 + 1800 x 2) / 6
        assertThat(y2025.medianIncome()).isEqualByComparingTo("2500");
        assertThat(y2025.incomeGrowth()).isEqualByComparingTo("23.64"); // 13,600 / 11,000 - 1

        Indicators y2023 = indicators(V1, 2023);
        assertThat(y2023.households()).isZero();
        assertThat(y2023.incidence()).isNull(); // no residents: no incidence, not 0 %
        assertThat(y2023.meanIncome()).isNull();
    }

    @Test
    void breakdownsOfThePoor() {
        List<Breakdown> breakdowns = statistics.figures(V1, 2024).breakdowns();
        assertThat(breakdowns).contains(
                new Breakdown(Breakdown.Dimension.CAUSE, "ILLNESS", 1, 4),
                new Breakdown(Breakdown.Dimension.CAUSE, "DISABILITY", 1, 2),
                new Breakdown(Breakdown.Dimension.CATEGORY, "GENERAL", 1, 4),
                new Breakdown(Breakdown.Dimension.CATEGORY, "DIBAO", 1, 2),
                new Breakdown(Breakdown.Dimension.HEALTH, "HEALTHY", 2, 4),
                new Breakdown(Breakdown.Dimension.HEALTH, "SERIOUS_ILLNESS", 1, 1),
                new Breakdown(Breakdown.Dimension.HEALTH, "DISABILITY", 1, 1),
                new Breakdown(Breakdown.Dimension.WORK_ABILITY, "", 2, 6));
        assertThat(breakdowns).noneMatch(b -> b.value().equals("LACK_OF_FUNDS")); // the cancelled household's
        assertThat(breakdowns).filteredOn(b -> b.dimension() == Breakdown.Dimension.HEALTH)
                .extracting(Breakdown::people).containsExactly(4L, 1L, 1L);
    }

    @Test
    void anAreaWithoutDataHasZerosAndNoIncidence() {
        for (String area : List.of(EMPTY_VILLAGE, "630103")) {
            Indicators empty = indicators(area, 2025);
            assertThat(List.of(empty.households(), empty.residents(), empty.poorHouseholds(), empty.poorResidents()))
                    .containsOnly(0L);
            assertThat(empty.incidence()).isNull();
            assertThat(empty.meanIncome()).isNull();
            assertThat(empty.medianIncome()).isNull();
            assertThat(statistics.figures(area, 2025).breakdowns()).isEmpty();
        }
        assertThat(statistics.children(TOWNSHIP, 2025)).filteredOn(i -> i.areaCode().equals(EMPTY_VILLAGE))
                .singleElement().satisfies(i -> assertThat(i.residents()).isZero());
    }

    @Test
    void aHouseholdMovingBetweenVillagesCountsWhereItLives() {
        assertThat(indicators(V4, 2025).residents()).isEqualTo(2);
        assertThat(indicators(V2, 2025).residents()).isEqualTo(1);
        assertThat(indicators(COUNTY, 2025).residents()).isEqualTo(12);

        written.changed(new Long[] {mover});
        jdbc.sql("update household set village_code = :v2, county_code = left(:v2, 6) where id = :id").param("v2", V2).param("id", mover).update();
        jdbc.sql("update member set village_code = :v2 where household_id = :id").param("v2", V2).param("id", mover).update();
        written.changed(new Long[] {mover});
        statistics.refresh();

        Indicators v4 = indicators(V4, 2025);
        assertThat(List.of(v4.households(), v4.residents())).containsOnly(0L);
        Indicators v2 = indicators(V2, 2025);
        assertThat(List.of(v2.households(), v2.residents(), v2.poorHouseholds(), v2.poorResidents()))
                .containsExactly(2L, 3L, 1L, 1L);
        assertThat(v2.incidence()).isEqualByComparingTo("33.33");
        assertThat(v2.registeredHouseholds()).isEqualTo(1);
        assertThat(indicators(V2, 2024).residents()).isEqualTo(2); // on record from its first income, 2024
        assertThat(indicators(OTHER_TOWNSHIP, 2025).residents()).isZero();
        Indicators township = indicators(TOWNSHIP, 2025);
        assertThat(List.of(township.households(), township.residents(), township.poorHouseholds(), township.poorResidents()))
                .containsExactly(5L, 12L, 3L, 7L);
        assertThat(township.incidence()).isEqualByComparingTo("58.33");
        assertThat(indicators(COUNTY, 2025).residents()).isEqualTo(12); // moved within the county
    }

    @Test
    void anExitCountsInTheYearOfTheStatusChangeAndLeavesEarlierYearsAlone() {
        Household before = households.get(h3);
        households.changeStatus(h3, before.version(), Household.Status.EXITED, "income above the line two years running");
        statistics.refresh();

        Indicators now = indicators(V1, NOW);
        assertThat(List.of(now.households(), now.residents(), now.poorHouseholds(), now.poorResidents()))
                .containsExactly(3L, 9L, 1L, 4L);
        assertThat(now.exitedHouseholds()).isEqualTo(1);
        assertThat(now.exitedPeople()).isEqualTo(2);
        assertThat(now.incidence()).isEqualByComparingTo("44.44");
        assertThat(indicators(V1, 2025).poorResidents()).isEqualTo(6);
        assertThat(indicators(V1, 2025).exitedHouseholds()).isZero();
        assertThat(statistics.figures(V1, NOW).breakdowns())
                .contains(new Breakdown(Breakdown.Dimension.CAUSE, "ILLNESS", 1, 4))
                .noneMatch(b -> b.value().equals("DISABILITY"));
        assertThat(statistics.trend(V1)).filteredOn(i -> i.year() == NOW).singleElement()
                .satisfies(i -> assertThat(i.exitedPeople()).isEqualTo(2));
        // The trend, read in one statement, is the area's indicators in every year of the figures.
        assertThat(statistics.trend(V1)).isEqualTo(statistics.years().stream().map(year -> indicators(V1, year)).toList())
                .hasSizeGreaterThan(1);
    }

    @Test
    void everyAreaIsTheSumOfItsChildren() {
        households.changeStatus(h3, households.get(h3).version(), Household.Status.EXITED, "exit");
        statistics.refresh();
        // Through the service, at every level from the province down to the township.
        for (String area : List.of("", "63", "6301", COUNTY, TOWNSHIP)) {
            for (int year : List.of(2024, 2025, NOW)) {
                Indicators total = indicators(area, year);
                List<Indicators> children = statistics.children(area, year);
                assertThat(children.stream().mapToLong(Indicators::residents).sum()).as(area + " " + year).isEqualTo(total.residents());
                assertThat(children.stream().mapToLong(Indicators::poorResidents).sum()).isEqualTo(total.poorResidents());
                assertThat(children.stream().mapToLong(Indicators::households).sum()).isEqualTo(total.households());
                assertThat(children.stream().mapToLong(Indicators::exitedPeople).sum()).isEqualTo(total.exitedPeople());
                assertThat(children.stream().mapToLong(Indicators::registeredPeople).sum()).isEqualTo(total.registeredPeople());
            }
        }
        assertThat(indicators("63", NOW).residents()).isGreaterThanOrEqualTo(12);
        // And over every row of every rollup: no parent differs from the sum of its children, no child lacks its parent.
        String figureDifferences = """
                select count(*) from statistics_figure p
                  join (select parent_code, year, sum(households) h, sum(residents) r, sum(poor_households) ph,
                               sum(poor_residents) pr, sum(poor_villages) pv, sum(registered_people) rp, sum(exited_people) ep,
                               sum(returned_people) tp, sum(income_people) ip, sum(income_total) it, sum(growth_before) gb
                          from statistics_figure group by parent_code, year) c on c.parent_code = p.area_code and c.year = p.year
                 where (p.households, p.residents, p.poor_households, p.poor_residents, p.poor_villages, p.registered_people,
                        p.exited_people, p.returned_people, p.income_people, p.income_total, p.growth_before)
                       is distinct from (c.h, c.r, c.ph, c.pr, c.pv, c.rp, c.ep, c.tp, c.ip, c.it, c.gb)""";
        assertThat(count(figureDifferences)).isZero();
        assertThat(count("""
                select count(*) from statistics_figure c where c.parent_code is not null
                   and not exists (select 1 from statistics_figure p where p.area_code = c.parent_code and p.year = c.year)""")).isZero();
        assertThat(count("""
                select count(*) from statistics_figure p where length(p.area_code) < 12
                   and not exists (select 1 from statistics_figure c where c.parent_code = p.area_code and c.year = p.year)""")).isZero();
        assertThat(count("""
                select count(*) from statistics_breakdown p
                  join (select parent_code, year, dimension, value, sum(households) h, sum(people) n from statistics_breakdown
                         group by parent_code, year, dimension, value) c
                    on (c.parent_code, c.year, c.dimension, c.value) = (p.area_code, p.year, p.dimension, p.value)
                 where (p.households, p.people) is distinct from (c.h, c.n)""")).isZero();
        assertThat(count("""
                select count(*) from statistics_income p
                  join (select parent_code, year, yuan, sum(people) n from statistics_income group by parent_code, year, yuan) c
                    on (c.parent_code, c.year, c.yuan) = (p.area_code, p.year, p.yuan)
                 where p.people <> c.n""")).isZero();
        // The rollup rows of the nation are there and were compared (the test would pass on empty tables otherwise).
        assertThat(count("select count(*) from statistics_figure where area_code = ''")).isPositive();
    }

    @Test
    void aCallerReadsOnlyWithinItsAreas() {
        Caller analyst = TestCallers.of("xining-analyst", EnumSet.of(Role.ANALYST), TOWNSHIP);
        TestCallers.signIn(analyst);
        assertThat(indicators(TOWNSHIP, 2025).residents()).isEqualTo(10);
        assertThat(statistics.children(TOWNSHIP, 2025)).extracting(Indicators::areaCode).contains(V1, V2, EMPTY_VILLAGE);
        for (String outside : List.of(COUNTY, OTHER_TOWNSHIP, V4, "", "63", "530102")) {
            assertThatThrownBy(() -> statistics.figures(outside, 2025)).as(outside)
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> statistics.children(outside, 2025)).isInstanceOf(DomainException.class);
            assertThatThrownBy(() -> statistics.trend(outside)).isInstanceOf(DomainException.class);
        }
        TestCallers.signIn(TestCallers.of("xining-clerk", EnumSet.of(Role.DATA_ENTRY), TOWNSHIP));
        assertThatThrownBy(() -> statistics.figures(TOWNSHIP, 2025))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));

        var asAnalyst = TestCallers.as(analyst);
        assertThat(mvc.get().uri("/api/v1/statistics").param("area", TOWNSHIP).param("year", "2025").with(asAnalyst))
                .hasStatusOk().bodyJson().extractingPath("$.indicators.residents").isEqualTo(10);
        assertThat(mvc.get().uri("/api/v1/statistics").param("area", COUNTY).param("year", "2025").with(asAnalyst)).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/statistics/children").param("area", "").with(asAnalyst)).hasStatus(404);
        assertThat(mvc.get().uri("/statistics").param("area", OTHER_TOWNSHIP).with(asAnalyst)).hasStatus(404);
        assertThat(mvc.get().uri("/statistics").with(asAnalyst)).hasStatusOk().bodyText().contains(V1);
        assertThat(mvc.get().uri("/api/v1/statistics").param("area", TOWNSHIP)
                .with(TestCallers.as(TestCallers.of("clerk", EnumSet.of(Role.DATA_ENTRY), TOWNSHIP)))).hasStatus(403);
    }

    @Test
    void theExportHoldsEveryTableAndTheSummaryPrints() {
        int children = statistics.children(TOWNSHIP, 2025).size();
        var admin = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);
        var export = mvc.get().uri("/api/v1/statistics/export").param("area", TOWNSHIP).param("year", "2025").with(admin).exchange();
        assertThat(export).hasStatusOk().hasContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(export.getResponse().getContentAsByteArray()))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList())
                    .containsExactly("Indicators", "Trend", "Areas below", "Poor by attribute");
            List<org.dhatim.fastexcel.reader.Row> rows = workbook.getSheets().toList().get(2).read();
            assertThat(rows).hasSize(1 + children);
            assertThat(rows).filteredOn(row -> row.getCellText(0).startsWith(V1)).singleElement()
                    .satisfies(row -> assertThat(row.getCellAsNumber(4).orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(6)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(mvc.get().uri("/statistics/summary").param("area", TOWNSHIP).param("year", "2025")
                .header("Accept-Language", "zh-CN").with(admin)).hasStatusOk().bodyText().contains("贫困发生率", "70.00 %");
    }

    private Indicators indicators(String area, int year) {
        return statistics.figures(area, year).indicators();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** A household written straight into the registry, as an import or the generator would, with its members and incomes. */
    private long household(String village, String status, Integer registeredYear, String cause, String category,
                           List<String> health, Map<Integer, String> incomes) {
        long id = jdbc.sql("""
                insert into household (village_code, county_code, category, status, main_cause, registered_year)
                values (:village, left(:village, 6), :category, :status, :cause, :year) returning id""")
                .param("village", village).param("category", category).param("status", status).param("cause", cause)
                .param("year", registeredYear).query(Long.class).single();
        for (int i = 0; i < health.size(); i++) {
            int n = PEOPLE.incrementAndGet();
            jdbc.sql("""
                    insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date, health,
                                        disability_grade)
                    values (:id, :village, left(:village, 6), :name, :number, :relation, 'MALE', date '1960-01-01', :health, :grade)""")
                    .param("id", id).param("village", village).param("name", "测试" + n)
                    .param("number", String.format("63010219600101%04d", n)).param("relation", i == 0 ? "HEAD" : "CHILD")
                    .param("health", health.get(i)).param("grade", health.get(i).equals("DISABILITY") ? 2 : null).update();
        }
        incomes.forEach((year, amount) -> jdbc.sql("""
                        insert into household_income (household_id, county_code, year, amount) values (:id, left(:village, 6), :year, :amount)""")
                .param("id", id).param("village", village).param("year", year).param("amount", new BigDecimal(amount)).update());
        written.recorded(new Long[] {id});
        return id;
    }
}
