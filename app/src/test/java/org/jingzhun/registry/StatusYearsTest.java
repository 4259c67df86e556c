package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.Role;
import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One clock in China's time zone (issue 12, item 2): households recorded, and statuses changed, a minute before and a
 * minute after midnight on New Year's Eve in China (both on 31 December in UTC) land in their own years, in the
 * status history and in the statistics; the status API takes the day a change happened. In Chengguan district of
 * Lanzhou (Gansu), where no other test records anyone.
 */
@JingzhunTest
@Transactional
class StatusYearsTest {

    static final String COUNTY = "620102";
    static final String VILLAGE = "620102001002";
    static final ZonedDateTime EVE = ZonedDateTime.of(2025, 12, 31, 23, 59, 0, 0, ChinaClock.ZONE);
    static final ZonedDateTime NEW_YEAR = ZonedDateTime.of(2026, 1, 1, 0, 1, 0, 0, ChinaClock.ZONE);
    static final Caller REVIEWER = TestCallers.of("chengguan-status-reviewer", EnumSet.of(Role.REVIEWER), COUNTY);

    @Autowired
    Households households;
    @Autowired
    Statistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvcTester mvc;

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void recordedAndChangedAMinuteEitherSideOfMidnightOnNewYearsEveInChina() {
        assertThat(EVE.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDate())
                .isEqualTo(NEW_YEAR.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDate());
        clock.set(ZonedDateTime.of(2025, 6, 1, 10, 0, 0, 0, ChinaClock.ZONE).toInstant());
        Household exitsOnTheEve = record(2);
        Household exitsOnNewYearsDay = record(3);
        TestCallers.signIn(REVIEWER);
        households.changeStatuses(List.of(exitsOnTheEve.id(), exitsOnNewYearsDay.id()), Household.Status.CANDIDATE,
                Household.Status.REGISTERED, 2025, "identification 2025: announced");

        clock.set(EVE.toInstant());
        Household recordedOnTheEve = record(1);
        exit(exitsOnTheEve);
        clock.set(NEW_YEAR.toInstant());
        Household recordedOnNewYearsDay = record(4);
        exit(exitsOnNewYearsDay);

        TestCallers.signIn(REVIEWER);
        assertThat(households.statusHistory(recordedOnTheEve.id())).singleElement().satisfies(recorded -> {
            assertThat(recorded.from()).isNull();
            assertThat(recorded.day()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(recorded.year()).isEqualTo(2025);
            assertThat(recorded.recordedAt().toInstant()).isBetween(EVE.toInstant(), EVE.toInstant().plusSeconds(60));
        });
        assertThat(households.statusHistory(recordedOnNewYearsDay.id())).singleElement().satisfies(recorded -> {
            assertThat(recorded.day()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(recorded.year()).isEqualTo(2026);
        });
        assertThat(households.statusHistory(exitsOnTheEve.id()).getLast()).satisfies(exit -> {
            assertThat(List.of(exit.from(), exit.to())).containsExactly(Household.Status.REGISTERED, Household.Status.EXITED);
            assertThat(exit.day()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(exit.year()).isEqualTo(2025);
            assertThat(exit.reason()).isEqualTo("income above the line");
            assertThat(exit.recordedBy()).isEqualTo(REVIEWER.login());
        });
        assertThat(households.statusHistory(exitsOnNewYearsDay.id()).getLast()).satisfies(exit -> {
            assertThat(exit.day()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(exit.year()).isEqualTo(2026);
        });

        // The pages print the clock's day too.
        assertThat(mvc.get().uri("/households/" + recordedOnTheEve.id() + "/handbook").with(TestCallers.as(REVIEWER)))
                .hasStatusOk().bodyText().contains("2026-01-01");

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        statistics.refresh();
        Indicators y2025 = statistics.figures(VILLAGE, 2025).indicators();
        assertThat(List.of(y2025.households(), y2025.residents(), y2025.poorHouseholds(), y2025.poorResidents(),
                y2025.registeredHouseholds(), y2025.exitedHouseholds(), y2025.exitedPeople()))
                .containsExactly(3L, 6L, 1L, 3L, 2L, 1L, 2L);
        Indicators y2026 = statistics.figures(VILLAGE, 2026).indicators();
        assertThat(List.of(y2026.households(), y2026.residents(), y2026.poorHouseholds(), y2026.exitedHouseholds(),
                y2026.exitedPeople()))
                .containsExactly(4L, 10L, 0L, 1L, 3L);
    }

    @Test
    void theDatabaseSessionDatesInstantsInChina() {
        assertThat(jdbc.sql("show timezone").query(String.class).single()).isEqualTo("Asia/Shanghai");
        OffsetDateTime newYear = NEW_YEAR.toOffsetDateTime().withOffsetSameInstant(java.time.ZoneOffset.UTC);
        assertThat(jdbc.sql("select cast(:at as timestamptz)::date").param("at", newYear).query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void theStatusApiTakesTheDayOfTheChangeAndRefusesOneInTheFutureOrBeforeThePreviousChange() throws Exception {
        clock.set(ZonedDateTime.of(2025, 3, 1, 10, 0, 0, 0, ChinaClock.ZONE).toInstant());
        Household household = record(2);
        TestCallers.signIn(REVIEWER);
        households.changeStatuses(List.of(household.id()), Household.Status.CANDIDATE, Household.Status.REGISTERED, 2024,
                LocalDate.of(2025, 2, 20), "identification 2024: announced");
        clock.set(NEW_YEAR.toInstant());
        var reviewer = TestCallers.as(REVIEWER);
        String uri = "/api/v1/households/" + household.id() + "/status";
        assertThat(mvc.post().uri(uri).param("version", "1").param("to", "EXITED").param("reason", "income above the line")
                .param("day", "2026-01-02").with(reviewer).with(csrf())).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("day"))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("future"));
        assertThat(mvc.post().uri(uri).param("version", "1").param("to", "EXITED").param("reason", "income above the line")
                .param("day", "2025-02-19").header("Accept-Language", "zh-CN").with(reviewer).with(csrf()))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("before-previous"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("2025-02-20"));
        assertThat(mvc.post().uri(uri).param("version", "1").param("to", "EXITED").param("reason", "x".repeat(2001))
                .with(reviewer).with(csrf())).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("reason"));
        // Entered on New Year's Day, it happened in the old year: it counts there.
        assertThat(mvc.post().uri(uri).param("version", "1").param("to", "EXITED").param("reason", "income above the line")
                .param("day", "2025-12-30").with(reviewer).with(csrf())).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/households/" + household.id() + "/status-history").with(reviewer)).hasStatusOk()
                .bodyJson().hasPathSatisfying("$[2].year", v -> v.assertThat().isEqualTo(2025))
                .hasPathSatisfying("$[2].day", v -> v.assertThat().isEqualTo("2025-12-30"))
                .hasPathSatisfying("$[1].year", v -> v.assertThat().isEqualTo(2024))
                .hasPathSatisfying("$[1].day", v -> v.assertThat().isEqualTo("2025-02-20"));
        assertThat(mvc.get().uri("/api/v1/households/" + household.id() + "/status-history")
                .with(TestCallers.as(TestCallers.of("wuhua-reviewer", EnumSet.of(Role.REVIEWER), "530102")))).hasStatus(404);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void theShorterFormsOfAStatusChangeRunInATransactionOfTheirOwn() {
        Household household = record(1);
        try {
            TestCallers.signIn(REVIEWER);
            households.changeStatuses(List.of(household.id()), Household.Status.CANDIDATE, Household.Status.REGISTERED,
                    ChinaClock.thisYear(), "identification: announced");
            households.changeStatus(household.id(), 1, Household.Status.EXITED, "income above the line");
            assertThat(households.statusHistory(household.id())).extracting(StatusChange::to)
                    .containsExactly(Household.Status.CANDIDATE, Household.Status.REGISTERED, Household.Status.EXITED);
        } finally {
            jdbc.sql("delete from member where household_id = :id").param("id", household.id()).update();
            jdbc.sql("delete from household where id = :id").param("id", household.id()).update();
        }
    }

    private Household record(int members) {
        // No income: a household with one is on record from its first income's year, and this one is from the day it is recorded.
        return TestHouseholds.record(households, jdbc, VILLAGE, members, 2025, null);
    }

    private void exit(Household household) {
        TestCallers.signIn(REVIEWER);
        households.changeStatus(household.id(), households.get(household.id()).version(), Household.Status.EXITED,
                "income above the line");
    }
}
