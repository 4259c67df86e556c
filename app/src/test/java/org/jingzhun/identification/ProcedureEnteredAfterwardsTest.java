package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingzhun.identification.HouseholdIdentificationTest.refusal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
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
 * A procedure held on paper in 2014 and entered years later with its real days, the clock never moved (issue 12,
 * item 3): every step keeps its day, the days follow each other, and the announcement counts in 2014. Luquan
 * county (530128) is this test's own.
 */
@JingzhunTest
@Transactional
class ProcedureEnteredAfterwardsTest {

    static final String COUNTY = "530128";
    static final String TOWNSHIP = "530128001";
    static final String VILLAGE = "530128001001";
    static final int YEAR = 2014;

    static final Caller CLERK = TestCallers.of("pingshan-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
    static final Caller TOWNSHIP_REVIEWER = TestCallers.of("pingshan-reviewer", EnumSet.of(Role.REVIEWER), TOWNSHIP);
    static final Caller COUNTY_REVIEWER = TestCallers.of("luquan-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);

    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Publicity publicity;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void signOut() {
        clock.reset();
        TestCallers.signOut();
    }

    StepResult step(Caller caller, Step step, long id, Boolean approved, LocalDate date) {
        TestCallers.signIn(caller);
        return identification.step(new StepRequest(step, List.of(id), approved, date, null, null, null, null));
    }

    StepResult appraise(long id, LocalDate meeting) {
        TestCallers.signIn(CLERK);
        return identification.step(new StepRequest(Step.APPRAISE, List.of(id), true, null, null, null,
                new StepRequest.Appraisal(meeting, 25, 22, 3), null));
    }

    static LocalDate inChina(java.time.OffsetDateTime at) {
        return at.atZoneSameInstant(ChinaClock.ZONE).toLocalDate();
    }

    static List<String> fields(DomainException e) {
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        return e.fieldProblems().stream().map(p -> p.field() + " " + p.code()).distinct().toList();
    }

    @Test
    void aCompleteProcedureOf2014WithAnObjectionIsEnteredWithItsRealDaysAndCountsIn2014() {
        LocalDate today = LocalDate.now(clock);
        Household household = TestHouseholds.record(households, jdbc, VILLAGE, 3, YEAR, new BigDecimal("2000.00"));
        TestCallers.signIn(COUNTY_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));

        TestCallers.signIn(CLERK);
        assertThat(fields(refusal(() -> identification.apply(round.id(), List.of(household.id()),
                Application.Proposer.HOUSEHOLD, today.plusDays(1), null)))).containsExactly("date future");
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.HOUSEHOLD, LocalDate.of(2014, 3, 3),
                "application handed in at the village committee");
        long application = identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 10))
                .applications().getFirst().id();

        // An appraisal before its application is refused, naming the meeting's date.
        assertThat(fields(refusal(() -> appraise(application, LocalDate.of(2014, 3, 2)))))
                .containsExactly("appraisal.meetingDate before-previous");
        appraise(application, LocalDate.of(2014, 3, 10));
        // Verification keeps its day: before the appraisal or in the future it is refused, not taken as today.
        assertThat(fields(refusal(() -> step(CLERK, Step.VERIFY, application, true, LocalDate.of(2014, 3, 9)))))
                .containsExactly("date before-previous");
        assertThat(fields(refusal(() -> step(CLERK, Step.VERIFY, application, true, today.plusDays(1)))))
                .containsExactly("date future");
        step(CLERK, Step.VERIFY, application, true, LocalDate.of(2014, 3, 20));
        // The list was posted on 25 March 2014: seven days, the 25th to the 31st.
        step(CLERK, Step.FIRST_PUBLICITY, application, null, LocalDate.of(2014, 3, 25));
        TestCallers.signIn(CLERK);
        assertThat(identification.application(application).publicityEnd()).isEqualTo(LocalDate.of(2014, 3, 31));

        // The objection was filed on paper on the 28th, during the publicity; outside it, it is refused.
        assertThat(fields(refusal(() -> publicity.object(Procedure.HOUSEHOLD, application,
                new Objection.Form("late", null, null, LocalDate.of(2014, 4, 1)), null)))).containsExactly("filedOn outside");
        Objection objection = publicity.object(Procedure.HOUSEHOLD, application,
                new Objection.Form("他家有一辆货车", "李四", null, LocalDate.of(2014, 3, 28)), null);
        assertThat(objection.filedOn()).isEqualTo(LocalDate.of(2014, 3, 28));
        assertThat(inChina(objection.filedAt())).isEqualTo(today);
        assertThat(fields(refusal(() -> publicity.decide(objection.id(), false, "货车已报废", LocalDate.of(2014, 3, 27)))))
                .containsExactly("decidedOn before-filed");
        Objection decided = publicity.decide(objection.id(), false, "核实：货车已于2013年报废", LocalDate.of(2014, 4, 2));
        assertThat(decided.decidedOn()).isEqualTo(LocalDate.of(2014, 4, 2));

        // The review comes after the publicity's last day and after the objection's decision.
        assertThat(fields(refusal(() -> step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, application, true,
                LocalDate.of(2014, 3, 31))))).containsExactly("date in-publicity");
        assertThat(fields(refusal(() -> step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, application, true,
                LocalDate.of(2014, 4, 1))))).containsExactly("date before-previous");
        step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, application, true, LocalDate.of(2014, 4, 3));
        // A publicity may still be posted to start at most 30 days ahead.
        assertThat(fields(refusal(() -> step(CLERK, Step.SECOND_PUBLICITY, application, null, today.plusDays(31)))))
                .containsExactly("date range");
        step(CLERK, Step.SECOND_PUBLICITY, application, null, LocalDate.of(2014, 4, 5));
        assertThat(fields(refusal(() -> step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, application, true,
                LocalDate.of(2014, 4, 11))))).containsExactly("date in-publicity");
        step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, application, true, LocalDate.of(2014, 4, 12));
        step(COUNTY_REVIEWER, Step.ANNOUNCE, application, null, LocalDate.of(2014, 4, 20));

        TestCallers.signIn(COUNTY_REVIEWER);
        Application announced = identification.application(application);
        assertThat(announced.stage()).isEqualTo(Stage.ANNOUNCED);
        assertThat(announced.stageSince()).isEqualTo(LocalDate.of(2014, 4, 20));
        assertThat(identification.round(round.id()).households()).containsEntry(Stage.ANNOUNCED, 1);
        List<StepRecord> steps = publicity.steps(Procedure.HOUSEHOLD, application);
        assertThat(steps).extracting(StepRecord::step).containsExactly(Step.APPLY, Step.APPRAISE, Step.VERIFY,
                Step.FIRST_PUBLICITY, Step.TOWNSHIP_REVIEW, Step.SECOND_PUBLICITY, Step.COUNTY_APPROVAL, Step.ANNOUNCE);
        assertThat(steps).extracting(StepRecord::doneOn).containsExactly(LocalDate.of(2014, 3, 3), LocalDate.of(2014, 3, 10),
                LocalDate.of(2014, 3, 20), LocalDate.of(2014, 3, 25), LocalDate.of(2014, 4, 3), LocalDate.of(2014, 4, 5),
                LocalDate.of(2014, 4, 12), LocalDate.of(2014, 4, 20));
        // Who entered each step and when: today, by the clerk or reviewer signed in.
        assertThat(steps).allSatisfy(s -> assertThat(inChina(s.recordedAt())).isEqualTo(today));
        assertThat(steps.getLast().actorLogin()).isEqualTo("luquan-reviewer");

        // The registry: registered in 2014, the change on the announcement's day.
        Household registered = households.get(household.id());
        assertThat(registered.status()).isEqualTo(Household.Status.REGISTERED);
        assertThat(registered.registeredYear()).isEqualTo(YEAR);
        StatusChange last = households.statusHistory(household.id()).getLast();
        assertThat(last.to()).isEqualTo(Household.Status.REGISTERED);
        assertThat(last.day()).isEqualTo(LocalDate.of(2014, 4, 20));
        assertThat(last.year()).isEqualTo(YEAR);

        // The public lists show announcements of the last 365 days by their day: not this one.
        TestCallers.signOut();
        assertThat(publicity.notices(VILLAGE, 0).announced()).extracting(Publicity.Notice::subjectId).doesNotContain(application);
    }

    @Test
    void anObjectionUpheldOnPaperRejectsOnItsDayAndTheHouseholdIsNotPoorFromThen() {
        LocalDate today = LocalDate.now(clock);
        Household household = TestHouseholds.record(households, jdbc, VILLAGE, 2, YEAR, new BigDecimal("1800.00"));
        TestCallers.signIn(COUNTY_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 5, null, null));
        TestCallers.signIn(CLERK);
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.VILLAGE, LocalDate.of(2014, 5, 2), null);
        long application = identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 10))
                .applications().getFirst().id();
        appraise(application, LocalDate.of(2014, 5, 6));
        step(CLERK, Step.VERIFY, application, true, LocalDate.of(2014, 5, 9));
        step(CLERK, Step.FIRST_PUBLICITY, application, null, LocalDate.of(2014, 5, 12));
        TestCallers.signIn(CLERK);
        Objection objection = publicity.object(Procedure.HOUSEHOLD, application,
                new Objection.Form("在城里有住房", null, null, LocalDate.of(2014, 5, 13)), null);
        assertThat(fields(refusal(() -> publicity.decide(objection.id(), true, "属实", today.plusDays(1)))))
                .containsExactly("decidedOn future");
        publicity.decide(objection.id(), true, "核实属实", LocalDate.of(2014, 5, 20));

        TestCallers.signIn(COUNTY_REVIEWER);
        Application rejected = identification.application(application);
        assertThat(rejected.stage()).isEqualTo(Stage.REJECTED);
        assertThat(rejected.stageSince()).isEqualTo(LocalDate.of(2014, 5, 20));
        assertThat(publicity.steps(Procedure.HOUSEHOLD, application).getLast().doneOn()).isEqualTo(LocalDate.of(2014, 5, 20));
        StatusChange last = households.statusHistory(household.id()).getLast();
        assertThat(last.to()).isEqualTo(Household.Status.NON_POOR);
        assertThat(last.day()).isEqualTo(LocalDate.of(2014, 5, 20));
    }
}
