package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * "One high, one low, one none" on a small province built by hand: eight villages of Yinchuan's Helan county
 * (Ningxia, 64) whose figures and registered poor people are set here, and whose expected result is worked out
 * by hand below, village by village, against entered and then computed provincial averages.
 */
@JingzhunTest
@Transactional
class VillageIdentificationTest {

    static final String PROVINCE = "64";
    static final int YEAR = 2014;
    static final String A = "640122001001";
    static final String B = "640122001002";
    static final String C = "640122001003";
    static final String D = "640122001004";
    static final String E = "640122001005";
    static final String F = "640122001006";
    static final String G = "640122001007";
    static final String H = "640122001008";

    static final Caller PROVINCE_REVIEWER = TestCallers.of("ningxia-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), PROVINCE);
    static final Caller COUNTY_CLERK = TestCallers.of("helan-clerk", EnumSet.of(Role.DATA_ENTRY), "640122");
    static final Caller TOWNSHIP_CLERK = TestCallers.of("xigang-clerk", EnumSet.of(Role.DATA_ENTRY), "640122001");
    static final Caller TOWNSHIP_REVIEWER = TestCallers.of("xigang-reviewer", EnumSet.of(Role.REVIEWER), "640122001");
    static final Caller COUNTY_REVIEWER = TestCallers.of("helan-reviewer", EnumSet.of(Role.REVIEWER), "640122");

    @Autowired
    VillageIdentification villages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.jingzhun.registry.HouseholdsWritten written;
    @Autowired
    TestClock clock;
    @Autowired
    org.jingzhun.statistics.Statistics statistics;

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    /** Registered poor households in a village holding this many people in all, each of up to 3 members. */
    void poorPeople(String village, int people) {
        while (people > 0) {
            int size = Math.min(3, people);
            household(village, "REGISTERED", size, null);
            people -= size;
        }
    }

    void household(String village, String status, int members, BigDecimal income) {
        long id = jdbc.sql("insert into household (village_code, county_code, category, status) values (:village, left(:village, 6), 'GENERAL', :status) returning id")
                .param("village", village).param("status", status).query(Long.class).single();
        for (int i = 0; i < members; i++) {
            String number = TestPeople.newIdNumber(jdbc, "640122", true);
            jdbc.sql("""
                    insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                    values (:household, :village, left(:village, 6), '村民', :number, :relation, 'MALE', to_date(substr(:number, 7, 8), 'YYYYMMDD'))""")
                    .param("household", id).param("village", village).param("number", number)
                    .param("relation", i == 0 ? "HEAD" : "CHILD").update();
        }
        if (income != null) {
            jdbc.sql("insert into household_income (household_id, county_code, year, amount) values (:id, left(:village, 6), :year, :amount)")
                    .param("id", id).param("village", village).param("year", YEAR).param("amount", income).update();
        }
        written.recorded(new Long[] {id});
    }

    /** The figures entered, one CSV line a village: residents, per capita income, collective income. */
    static final String FIGURES = """
            village_code,rural_residents,per_capita_income,collective_income
            640122001001,10,2000,0
            640122001002,10,2999.99,0
            640122001003,10,2000,0
            640122001004,10,3000,0
            640122001005,0,,0
            640122001006,10,2000,5000
            640122001007,10,2000,
            640122001008,,,0
            """;

    void buildTheProvince() {
        poorPeople(A, 6);
        poorPeople(B, 4);
        poorPeople(C, 3);
        poorPeople(D, 6);
        poorPeople(F, 6);
        poorPeople(G, 6);
        // H enters nothing but its collective income: its residents and income come from the registry.
        household(H, "REGISTERED", 3, new BigDecimal("1000"));
        household(H, "NON_POOR", 2, new BigDecimal("4000"));
        TestCallers.signIn(COUNTY_CLERK);
        assertThat(villages.importFigures(YEAR, new ByteArrayInputStream(FIGURES.getBytes(StandardCharsets.UTF_8)))).isEqualTo(8);
    }

    @Test
    void eachVillageAgainstEnteredAverages() {
        buildTheProvince();
        TestCallers.signIn(PROVINCE_REVIEWER);
        villages.setAverages(new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.ENTERED, new BigDecimal("0.2"),
                new BigDecimal("5000")));
        Assessment assessment = villages.assess(PROVINCE, YEAR);

        // Worked out by hand. High: poor / residents >= 2 x 20% = 40%. Low: income < 60% x 5,000 = 3,000. None: collective 0.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(A, "6/10=60% high; 2,000 low; none -> candidate");
        expected.put(B, "4/10=40% exactly twice: high; 2,999.99 low; none -> candidate");
        expected.put(C, "3/10=30% not high");
        expected.put(D, "6/10 high; 3,000 exactly 60%: not low");
        expected.put(E, "no rural residents: rate unknown");
        expected.put(F, "high, low, but 5,000 of collective income");
        expected.put(G, "high, low, collective income unknown");
        expected.put(H, "registry: 3 poor of 5 = 60% high; (3 x 1,000 + 2 x 4,000) / 5 = 2,200 low; none -> candidate");
        Map<String, VillageAssessment> result = new LinkedHashMap<>();
        villages.assessedVillages("640122001", YEAR, false, 0, 500).stream()
                .filter(v -> expected.containsKey(v.villageCode())).forEach(v -> result.put(v.villageCode(), v));

        assertTests(result.get(A), 10, 6, "0.600000", "2000.00", true, true, true, true);
        assertTests(result.get(B), 10, 4, "0.400000", "2999.99", true, true, true, true);
        assertTests(result.get(C), 10, 3, "0.300000", "2000.00", false, true, true, false);
        assertTests(result.get(D), 10, 6, "0.600000", "3000.00", true, false, true, false);
        assertTests(result.get(E), 0, 0, null, null, null, null, true, false);
        assertTests(result.get(F), 10, 6, "0.600000", "2000.00", true, true, false, false);
        assertTests(result.get(G), 10, 6, "0.600000", "2000.00", true, true, null, false);
        assertTests(result.get(H), 5, 3, "0.600000", "2200.00", true, true, true, true);
        assertThat(result.get(H).residentsSource()).isEqualTo(VillageAssessment.Source.REGISTRY);
        assertThat(result.get(H).incomeSource()).isEqualTo(VillageAssessment.Source.REGISTRY);
        assertThat(result.get(A).residentsSource()).isEqualTo(VillageAssessment.Source.ENTERED);

        // Every other village of the province has no figures: none is a candidate.
        assertThat(assessment.candidates()).isEqualTo(3);
        assertThat(villages.assessedVillages(PROVINCE, YEAR, true, 0, 500)).extracting(VillageAssessment::villageCode)
                .containsExactly(A, B, H);
        assertThat(assessment.villages()).isEqualTo(jdbc.sql("select count(*) from area where code like '64%' and level = 5"
                + " and retired_at is null").query(Integer.class).single());
        assertThat(assessment.method()).isEqualTo(ProvinceAverages.Method.ENTERED);
        assertThat(assessment.povertyRate()).isEqualByComparingTo("0.2");
    }

    @Test
    void computedAveragesComeFromTheVillagesWithResidents() {
        buildTheProvince();
        TestCallers.signIn(PROVINCE_REVIEWER);
        Assessment assessment = villages.assess(PROVINCE, YEAR);
        // Residents 7 x 10 + 5 (H) = 75 less E's 0 ... E has 0: left out. A..D, F, G: 60, H: 5 -> 65.
        // Poor: 6 + 4 + 3 + 6 + 6 + 6 + 3 = 34 -> 34/65 = 0.523077; twice is above every village's rate: no candidate.
        // Income: (2000 + 2999.99 + 2000 + 3000 + 2000 + 2000) x 10 + 2200 x 5 = 150,999.9 / 65 = 2,323.08.
        assertThat(assessment.method()).isEqualTo(ProvinceAverages.Method.COMPUTED);
        assertThat(assessment.povertyRate()).isEqualByComparingTo("0.523077");
        assertThat(assessment.perCapitaIncome()).isEqualByComparingTo("2323.08");
        assertThat(assessment.candidates()).isZero();
    }

    /**
     * Issue 12, item 12: averages computed over a chosen county of the province (a pilot area) come from its villages
     * alone, the assessment says which, and every village of the province is still assessed against them.
     */
    @Test
    void computedAveragesOverAChosenCountyComeFromItsVillagesAlone() {
        buildTheProvince();
        // A village of another county of the province, with people of its own: part of the province's averages only.
        String elsewhere = jdbc.sql("select min(code) from area where level = 5 and code like '640121%' and retired_at is null")
                .query(String.class).single();
        household(elsewhere, "NON_POOR", 3, new BigDecimal("9000"));
        household(elsewhere, "NON_POOR", 2, new BigDecimal("9000"));
        TestCallers.signIn(PROVINCE_REVIEWER);

        Assessment province = villages.assess(PROVINCE, YEAR);
        // The province: 34 poor of 65 + 5 residents = 0.485714.
        assertThat(province.povertyRate()).isEqualByComparingTo("0.485714");
        assertThat(province.averagesArea()).isEqualTo(PROVINCE);
        assertThat(province.averagesVillages()).isEqualTo(8);

        villages.setAverages(new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.COMPUTED, null, null, "640122"));
        Assessment county = villages.assess(PROVINCE, YEAR);
        // As computedAveragesComeFromTheVillagesWithResidents worked out, over the county's seven villages with residents.
        assertThat(county.povertyRate()).isEqualByComparingTo("0.523077");
        assertThat(county.perCapitaIncome()).isEqualByComparingTo("2323.08");
        assertThat(county.averagesArea()).isEqualTo("640122");
        assertThat(county.averagesAreaName()).contains("贺兰县");
        assertThat(county.averagesVillages()).isEqualTo(7);
        assertThat(county.villages()).isEqualTo(province.villages());
        assertThat(villages.assessedVillages("640121", YEAR, false, 0, 500)).extracting(VillageAssessment::villageCode)
                .contains(elsewhere);

        // Only a prefecture or county of the province, and only for computed averages.
        for (ProvinceAverages wrong : List.of(
                new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.COMPUTED, null, null, "6501"),
                new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.COMPUTED, null, null, "640122001"),
                new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.ENTERED, new BigDecimal("0.2"),
                        new BigDecimal("5000"), "640122"))) {
            assertThatThrownBy(() -> villages.setAverages(wrong)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("area"));
        }
    }

    @Test
    void candidatesGoThroughTheirProcedureAndOthersNeedAnException() {
        buildTheProvince();
        TestCallers.signIn(PROVINCE_REVIEWER);
        villages.setAverages(new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.ENTERED, new BigDecimal("0.2"),
                new BigDecimal("5000")));
        villages.assess(PROVINCE, YEAR);
        TestCallers.signIn(TOWNSHIP_CLERK);
        DomainException notCandidate = catchDomain(() -> villages.apply(List.of(A, C), YEAR, null, null));
        assertThat(notCandidate.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("village:" + C);
        villages.apply(List.of(A, C), YEAR, "the township asks: a road cut by floods", null);
        List<Long> ids = villages.cases("640122001", YEAR, Stage.APPLIED).stream().map(VillageCase::id).toList();
        assertThat(ids).hasSize(2);
        assertThat(villages.cases("640122001", YEAR, null)).filteredOn(c -> c.villageCode().equals(C))
                .extracting(VillageCase::exceptionReason).containsExactly("the township asks: a road cut by floods");

        TestCallers.signIn(TOWNSHIP_REVIEWER);
        villages.step(new StepRequest(Step.TOWNSHIP_REVIEW, ids, true, null, null, null, null, null));
        TestCallers.signIn(TOWNSHIP_CLERK);
        villages.step(new StepRequest(Step.PUBLICITY, ids, null, null, null, null, null, null));
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(catchDomain(() -> villages.step(new StepRequest(Step.COUNTY_APPROVAL, ids, true, null, null, null, null, null)))
                .fieldProblems()).extracting(DomainException.FieldProblem::code).containsOnly("publicity");
        clock.advanceDays(7);
        villages.step(new StepRequest(Step.COUNTY_APPROVAL, ids, true, null, null, null, null, null));
        assertThat(villages.poorVillages("64", YEAR)).isEmpty();
        villages.step(new StepRequest(Step.ANNOUNCE, ids, null, null, null, null, null, null));
        assertThat(villages.poorVillages("64", YEAR)).containsExactly(A, C);
        assertThat(villages.poorVillages("64", YEAR + 1)).isEmpty();

        // The statistics count them from the year of their announcement on, in the village, township and up.
        TestCallers.signIn(PROVINCE_REVIEWER);
        statistics.refresh();
        assertThat(statistics.figures(A, YEAR).indicators().poorVillages()).isEqualTo(1);
        assertThat(statistics.figures(B, YEAR).indicators().poorVillages()).isZero();
        assertThat(statistics.figures("640122001", YEAR - 1).indicators().poorVillages()).isZero();
        assertThat(statistics.figures("640122001", YEAR).indicators().poorVillages()).isEqualTo(2);
        assertThat(statistics.figures(PROVINCE, YEAR + 1).indicators().poorVillages()).isEqualTo(2);
    }

    @Test
    void aVillageProcedureOf2014IsEnteredWithItsRealDaysWithoutMovingTheClock() {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        buildTheProvince();
        TestCallers.signIn(PROVINCE_REVIEWER);
        villages.setAverages(new ProvinceAverages(PROVINCE, YEAR, ProvinceAverages.Method.ENTERED, new BigDecimal("0.2"),
                new BigDecimal("5000")));
        villages.assess(PROVINCE, YEAR);
        TestCallers.signIn(TOWNSHIP_CLERK);
        villages.apply(List.of(B), YEAR, java.time.LocalDate.of(2014, 6, 2), null, null);
        List<Long> ids = villages.cases("640122001", YEAR, Stage.APPLIED).stream().map(VillageCase::id).toList();

        TestCallers.signIn(TOWNSHIP_REVIEWER);
        DomainException beforeApplication = catchDomain(() -> villages.step(new StepRequest(Step.TOWNSHIP_REVIEW, ids, true,
                java.time.LocalDate.of(2014, 6, 1), null, null, null, null)));
        assertThat(beforeApplication.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(beforeApplication.fieldProblems()).extracting(p -> p.field() + " " + p.code())
                .containsExactly("date before-previous");
        assertThat(catchDomain(() -> villages.step(new StepRequest(Step.TOWNSHIP_REVIEW, ids, true, today.plusDays(1), null,
                null, null, null))).fieldProblems()).extracting(p -> p.field() + " " + p.code()).containsExactly("date future");
        villages.step(new StepRequest(Step.TOWNSHIP_REVIEW, ids, true, java.time.LocalDate.of(2014, 6, 5), null, null, null, null));
        TestCallers.signIn(TOWNSHIP_CLERK);
        villages.step(new StepRequest(Step.PUBLICITY, ids, null, java.time.LocalDate.of(2014, 6, 10), null, null, null, null));
        TestCallers.signIn(COUNTY_REVIEWER);
        // Seven days from the 10th: the approval comes after the 16th.
        assertThat(catchDomain(() -> villages.step(new StepRequest(Step.COUNTY_APPROVAL, ids, true,
                java.time.LocalDate.of(2014, 6, 16), null, null, null, null))).fieldProblems())
                .extracting(p -> p.field() + " " + p.code()).containsExactly("date in-publicity");
        villages.step(new StepRequest(Step.COUNTY_APPROVAL, ids, true, java.time.LocalDate.of(2014, 6, 17), null, null, null, null));
        villages.step(new StepRequest(Step.ANNOUNCE, ids, null, java.time.LocalDate.of(2014, 6, 30), null, null, null, null));

        assertThat(villages.poorVillages("64", YEAR)).containsExactly(B);
        VillageCase announced = villages.villageCase(ids.getFirst());
        assertThat(announced.stage()).isEqualTo(Stage.ANNOUNCED);
        assertThat(announced.stageSince()).isEqualTo(java.time.LocalDate.of(2014, 6, 30));
    }

    @Test
    void figuresWithProblemsAreRefusedWholeNamingEachLine() {
        TestCallers.signIn(COUNTY_CLERK);
        String bad = """
                640122001001,10,2000,0
                640122001001,12,2000,0
                530102001001,5,100,0
                640122001002,-3,abc,0
                640122001003,1,2
                """;
        DomainException refused = catchDomain(() -> villages.importFigures(YEAR,
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))));
        assertThat(refused.fieldProblems()).extracting(DomainException.FieldProblem::field)
                .containsExactly("rows[2].villageCode", "rows[3].villageCode", "rows[4].ruralResidents", "rows[4].perCapitaIncome");
        assertThat(jdbc.sql("select count(*) from village_figures where village_code like '640122%'").query(Integer.class).single())
                .isZero();
        assertThatThrownBy(() -> villages.saveFigures(new VillageFigures(A, YEAR, -1, new BigDecimal("1.234"), null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).containsExactly("ruralResidents", "perCapitaIncome"));
    }

    static void assertTests(VillageAssessment village, Integer residents, int poor, String rate, String income, Boolean high,
                            Boolean low, Boolean none, boolean candidate) {
        assertThat(village.ruralResidents()).as(village.villageCode() + " residents").isEqualTo(residents);
        assertThat(village.poorPeople()).as(village.villageCode() + " poor").isEqualTo(poor);
        if (rate == null) {
            assertThat(village.povertyRate()).as(village.villageCode() + " rate").isNull();
        } else {
            assertThat(village.povertyRate()).as(village.villageCode() + " rate").isEqualByComparingTo(rate);
        }
        if (income == null) {
            assertThat(village.perCapitaIncome()).as(village.villageCode() + " income").isNull();
        } else {
            assertThat(village.perCapitaIncome()).as(village.villageCode() + " income").isEqualByComparingTo(income);
        }
        assertThat(village.high()).as(village.villageCode() + " high").isEqualTo(high);
        assertThat(village.low()).as(village.villageCode() + " low").isEqualTo(low);
        assertThat(village.none()).as(village.villageCode() + " none").isEqualTo(none);
        assertThat(village.candidate()).as(village.villageCode() + " candidate").isEqualTo(candidate);
    }

    static DomainException catchDomain(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
