package org.jingzhun.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.StatusChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures in the year they belong to (issue 12, item 1): a round of 2013 whose procedure is entered today (2026 or
 * later) counts its poor, their incidence and their income in 2013, as the registry's status history says, and not
 * in the year the announcement was typed. In Chengguan district of Lanzhou (Gansu), where no other test records
 * anyone.
 */
@JingzhunTest
@Transactional
class FiguresInTheirYearTest {

    static final String COUNTY = "620102";
    static final String TOWNSHIP = "620102001";
    static final String VILLAGE = "620102001001";
    static final int ROUND_YEAR = 2013;

    static final Caller VILLAGE_CLERK = TestCallers.of("changjiaxiang-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
    static final Caller TOWNSHIP_REVIEWER = TestCallers.of("chengguan-township-reviewer", EnumSet.of(Role.REVIEWER), TOWNSHIP);
    static final Caller COUNTY_REVIEWER = TestCallers.of("chengguan-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);

    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    Statistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void aRoundOf2013AnnouncedTodayCountsItsPoorTheirIncidenceAndTheirIncomeIn2013() {
        // Two households of the village with their incomes of 2013: one below the 2013 line (2,736), one above.
        Household poor = TestHouseholds.record(households, jdbc, VILLAGE, 3, ROUND_YEAR, new BigDecimal("2100.00"));
        Household notPoor = TestHouseholds.record(households, jdbc, VILLAGE, 2, ROUND_YEAR, new BigDecimal("5000.00"));
        TestCallers.signIn(COUNTY_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, ROUND_YEAR, 7, null, null));
        TestCallers.signIn(VILLAGE_CLERK);
        identification.apply(round.id(), List.of(poor.id()), Application.Proposer.HOUSEHOLD, null);
        TestCallers.signIn(COUNTY_REVIEWER);
        List<Long> ids = identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 50))
                .applications().stream().map(Application::id).toList();
        step(VILLAGE_CLERK, Step.APPRAISE, ids, true);
        step(VILLAGE_CLERK, Step.VERIFY, ids, true);
        step(VILLAGE_CLERK, Step.FIRST_PUBLICITY, ids, null);
        clock.advanceDays(7);
        step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, ids, true);
        step(VILLAGE_CLERK, Step.SECOND_PUBLICITY, ids, null);
        clock.advanceDays(7);
        step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, ids, true);
        step(COUNTY_REVIEWER, Step.ANNOUNCE, ids, null);
        LocalDate announced = LocalDate.now(clock);
        assertThat(announced.getYear()).isGreaterThan(ROUND_YEAR + 1);

        // The registry's history: registered on the day it was announced, counting in the round's year.
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(households.get(poor.id()).registeredYear()).isEqualTo(ROUND_YEAR);
        List<StatusChange> history = households.statusHistory(poor.id());
        assertThat(history.getFirst().from()).isNull();
        assertThat(history.getLast()).satisfies(change -> {
            assertThat(change.from()).isEqualTo(Household.Status.CANDIDATE);
            assertThat(change.to()).isEqualTo(Household.Status.REGISTERED);
            assertThat(change.day()).isEqualTo(announced);
            assertThat(change.year()).isEqualTo(ROUND_YEAR);
            assertThat(change.reason()).contains("2013");
        });

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        statistics.refresh();
        Indicators y2013 = statistics.figures(VILLAGE, ROUND_YEAR).indicators();
        assertThat(List.of(y2013.households(), y2013.residents(), y2013.poorHouseholds(), y2013.poorResidents()))
                .containsExactly(2L, 5L, 1L, 3L);
        assertThat(y2013.registeredHouseholds()).isEqualTo(1);
        assertThat(y2013.registeredPeople()).isEqualTo(3);
        assertThat(y2013.incidence()).isEqualByComparingTo("60.00");
        // The income of the poor: that of the year they were poor in, the round's (the income its test used).
        assertThat(y2013.meanIncome()).isEqualByComparingTo("2100.00");
        assertThat(y2013.medianIncome()).isEqualByComparingTo("2100");
        // The following years keep them poor; the year the announcement was typed adds nobody.
        Indicators y2014 = statistics.figures(VILLAGE, ROUND_YEAR + 1).indicators();
        assertThat(List.of(y2014.poorHouseholds(), y2014.poorResidents(), y2014.registeredHouseholds()))
                .containsExactly(1L, 3L, 0L);
        Indicators typedIn = statistics.figures(VILLAGE, announced.getYear()).indicators();
        assertThat(List.of(typedIn.households(), typedIn.poorHouseholds(), typedIn.registeredHouseholds()))
                .containsExactly(2L, 1L, 0L);
        // Up the tree too: the county's 2013 is the village's.
        Indicators county = statistics.figures(COUNTY, ROUND_YEAR).indicators();
        assertThat(county.poorResidents()).isEqualTo(3);
        assertThat(county.meanIncome()).isEqualByComparingTo("2100.00");
        assertThat(county.medianIncome()).isEqualByComparingTo("2100");
        assertThat(notPoor.id()).isNotEqualTo(poor.id());
    }

    private void step(Caller caller, Step step, List<Long> ids, Boolean approved) {
        TestCallers.signIn(caller);
        StepRequest.Appraisal appraisal = step == Step.APPRAISE ? new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3) : null;
        identification.step(new StepRequest(step, ids, approved, null, null, null, appraisal, null));
    }
}
