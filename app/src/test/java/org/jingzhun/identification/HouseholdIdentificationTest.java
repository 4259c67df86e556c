package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Households of Yiliang county (530125) through the whole procedure, and every refusal on the way: steps out of
 * order, by the wrong role, level or county, during a publicity or with an objection open, beyond the quota, an
 * income exactly at the line, a year without a line; a refused list changes nothing.
 */
@JingzhunTest
@Transactional
class HouseholdIdentificationTest {

    static final String COUNTY = "530125";
    static final String TOWNSHIP = "530125001";
    static final String VILLAGE = "530125001001";
    /** Yunnan has no provincial line: 2014's national line is 2,800 yuan. */
    static final int YEAR = 2014;

    static final Caller VILLAGE_CLERK = TestCallers.of("xinhua-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
    static final Caller TOWNSHIP_REVIEWER = TestCallers.of("kuangyuan-reviewer", EnumSet.of(Role.REVIEWER), TOWNSHIP);
    static final Caller COUNTY_REVIEWER = TestCallers.of("yiliang-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);
    static final Caller PREFECTURE_REVIEWER = TestCallers.of("kunming-reviewer", EnumSet.of(Role.REVIEWER), "5301");
    static final Caller OTHER_COUNTY = TestCallers.of("wuhua-everyone", EnumSet.allOf(Role.class), "530102");

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
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    Household household(int members, BigDecimal income) {
        return TestHouseholds.record(households, jdbc, VILLAGE, members, YEAR, income);
    }

    Round openRound() {
        TestCallers.signIn(COUNTY_REVIEWER);
        return identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));
    }

    StepResult step(Caller caller, Step step, List<Long> ids, Boolean approved, String note, String exception) {
        TestCallers.signIn(caller);
        StepRequest.Appraisal appraisal = step == Step.APPRAISE
                ? new StepRequest.Appraisal(LocalDate.now(clock), 21, approved ? 18 : 3, approved ? 3 : 18) : null;
        return identification.step(new StepRequest(step, ids, approved, null, note, exception, appraisal, null));
    }

    static DomainException refusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    static List<String> codes(DomainException e) {
        return e.fieldProblems().stream().map(p -> p.field() + " " + p.code()).toList();
    }

    Stage stage(long application) {
        TestCallers.signIn(COUNTY_REVIEWER);
        return identification.application(application).stage();
    }

    @Test
    void threeHouseholdsFromApplicationToAnnouncementAndEveryRefusalOnTheWay() {
        Household poor = household(3, new BigDecimal("2100.00"));
        Household atTheLine = household(2, new BigDecimal("2800.00"));
        Household unknownIncome = household(4, null);
        Round round = openRound();
        assertThat(round.povertyLine()).isEqualByComparingTo("2800");
        assertThat(round.provincialLine()).isFalse();

        TestCallers.signIn(VILLAGE_CLERK);
        StepResult applied = identification.apply(round.id(), List.of(poor.id(), atTheLine.id(), unknownIncome.id()),
                Application.Proposer.HOUSEHOLD, "applications at the village meeting");
        assertThat(applied.moved()).isEqualTo(3);
        assertThat(codes(refusal(() -> identification.apply(round.id(), List.of(poor.id()), Application.Proposer.VILLAGE, null))))
                .containsExactly("subject:" + poor.id() + " applied");
        List<Long> ids = identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 50))
                .applications().stream().map(Application::id).toList();
        assertThat(ids).hasSize(3);
        long poorApplication = applicationOf(round, poor);
        long atTheLineApplication = applicationOf(round, atTheLine);
        assertThat(identification.application(poorApplication).incomeTest().result()).isEqualTo(IncomeTest.Result.ELIGIBLE);
        // The rule is "below": an income exactly at the line is not eligible; a missing income is flagged, not passed.
        assertThat(identification.application(atTheLineApplication).incomeTest().result()).isEqualTo(IncomeTest.Result.INELIGIBLE);
        assertThat(identification.application(applicationOf(round, unknownIncome)).incomeTest().result())
                .isEqualTo(IncomeTest.Result.UNKNOWN);

        // Out of order, the wrong role, another county: refused, naming each application.
        assertThat(codes(refusal(() -> step(VILLAGE_CLERK, Step.VERIFY, ids, true, null, null))))
                .containsOnly(ids.stream().map(id -> "subject:" + id + " stage").toArray(String[]::new));
        assertThat(refusal(() -> step(TOWNSHIP_REVIEWER, Step.APPRAISE, ids, true, null, null)).kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(codes(refusal(() -> step(OTHER_COUNTY, Step.APPRAISE, ids, true, null, null))))
                .containsOnly(ids.stream().map(id -> "subject:" + id + " not-found").toArray(String[]::new));
        // A rejection needs its reason; an outcome against the vote is refused.
        assertThat(codes(refusal(() -> step(VILLAGE_CLERK, Step.APPRAISE, ids, false, " ", null)))).contains("note required");
        TestCallers.signIn(VILLAGE_CLERK);
        assertThat(codes(refusal(() -> identification.step(new StepRequest(Step.APPRAISE, ids, true, null, null, null,
                new StepRequest.Appraisal(LocalDate.now(clock), 21, 5, 16), null))))).contains("approved votes");

        step(VILLAGE_CLERK, Step.APPRAISE, ids, true, null, null);
        step(VILLAGE_CLERK, Step.VERIFY, ids, true, null, null);
        step(VILLAGE_CLERK, Step.FIRST_PUBLICITY, ids, null, null, null);
        TestCallers.signIn(COUNTY_REVIEWER);
        Application inPublicity = identification.application(poorApplication);
        assertThat(inPublicity.publicityStart()).isEqualTo(LocalDate.now(clock));
        assertThat(inPublicity.publicityEnd()).isEqualTo(LocalDate.now(clock).plusDays(6));

        // The township may not review while the list is posted; the county's reviewer acts for the township too.
        assertThat(codes(refusal(() -> step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, ids, true, null, null))))
                .containsOnly(ids.stream().map(id -> "subject:" + id + " publicity").toArray(String[]::new));
        TestCallers.signOut();
        Objection objection = publicity.object(Procedure.HOUSEHOLD, atTheLineApplication,
                new Objection.Form("他家在县城有商铺", null, null), "10.0.6.1");
        assertThat(objection.byPublic()).isTrue();
        clock.advanceDays(7);
        // An open objection holds the whole list: nothing moves, not even the households without one.
        assertThat(codes(refusal(() -> step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, ids, true, null, null))))
                .containsExactly("subject:" + atTheLineApplication + " objection");
        assertThat(stage(poorApplication)).isEqualTo(Stage.FIRST_PUBLICITY);
        assertThat(refusal(() -> publicity.object(Procedure.HOUSEHOLD, atTheLineApplication,
                new Objection.Form("late", null, null), "10.0.6.1")).messageKey()).isEqualTo("procedure.objection.closed");
        TestCallers.signIn(VILLAGE_CLERK);
        publicity.decide(objection.id(), false, "核实：商铺为亲戚所有，不属该户");
        assertThat(refusal(() -> publicity.decide(objection.id(), true, "again")).messageKey())
                .isEqualTo("procedure.objection.decided");
        step(TOWNSHIP_REVIEWER, Step.TOWNSHIP_REVIEW, ids, true, null, null);
        step(VILLAGE_CLERK, Step.SECOND_PUBLICITY, ids, null, null, null);
        clock.advanceDays(7);

        // Only the county approves; an income not below the line or unknown needs a recorded exception.
        assertThat(codes(refusal(() -> step(TOWNSHIP_REVIEWER, Step.COUNTY_APPROVAL, ids, true, null, null))))
                .allMatch(code -> code.endsWith(" level"));
        assertThat(codes(refusal(() -> step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, ids, true, null, null))))
                .containsExactlyInAnyOrder("subject:" + atTheLineApplication + " income",
                        "subject:" + applicationOf(round, unknownIncome) + " income");
        // The quota comes from above; beyond it, the county needs the higher level's override.
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(refusal(() -> identification.setQuota(round.id(), 2, null, "scale")).kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN);
        TestCallers.signIn(PREFECTURE_REVIEWER);
        identification.setQuota(round.id(), 2, 20, "scale given by the prefecture");
        assertThat(codes(refusal(() -> step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, ids, true, null, "special hardship: serious illness"))))
                .containsExactly("quota quota");
        TestCallers.signIn(PREFECTURE_REVIEWER);
        identification.overrideQuota(round.id(), "a landslide in the village");
        step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, ids, true, null, "special hardship: serious illness");
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(identification.application(poorApplication).exceptionReason()).isNull();
        assertThat(identification.application(atTheLineApplication).exceptionReason()).isEqualTo("special hardship: serious illness");
        assertThat(identification.round(round.id()).approvedPeople()).isEqualTo(9);

        step(COUNTY_REVIEWER, Step.ANNOUNCE, ids, null, null, null);
        TestCallers.signIn(COUNTY_REVIEWER);
        for (Household household : List.of(poor, atTheLine, unknownIncome)) {
            Household registered = households.get(household.id());
            assertThat(registered.status()).isEqualTo(Household.Status.REGISTERED);
            assertThat(registered.registeredYear()).isEqualTo(YEAR);
        }
        assertThat(publicity.steps(Procedure.HOUSEHOLD, poorApplication)).extracting(StepRecord::step)
                .containsExactly(Step.APPLY, Step.APPRAISE, Step.VERIFY, Step.FIRST_PUBLICITY, Step.TOWNSHIP_REVIEW,
                        Step.SECOND_PUBLICITY, Step.COUNTY_APPROVAL, Step.ANNOUNCE);
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'household-application' and entity_id = :id")
                .param("id", Long.toString(poorApplication)).query(Integer.class).single()).isEqualTo(8);

        // The public reads the announcement with the ID numbers masked: the first 6 and the last 4 characters.
        TestCallers.signOut();
        Publicity.Notices notices = publicity.notices(VILLAGE, 0);
        assertThat(notices.announced()).extracting(Publicity.Notice::subjectId).contains(poorApplication, atTheLineApplication);
        String headId = poor.head().idNumber();
        assertThat(notices.announced()).extracting(Publicity.Notice::headIdNumber)
                .contains(headId.substring(0, 6) + "********" + headId.substring(14))
                .allMatch(id -> id.matches("\\d{6}\\*{8}[0-9X]{4}"));
    }

    @Test
    void anUpheldObjectionEndsTheProcedureAndTheHouseholdIsNotPoorAgain() {
        Household household = household(2, new BigDecimal("1500"));
        Round round = openRound();
        TestCallers.signIn(VILLAGE_CLERK);
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.VILLAGE, null);
        long application = applicationOf(round, household);
        step(VILLAGE_CLERK, Step.APPRAISE, List.of(application), true, null, null);
        step(VILLAGE_CLERK, Step.VERIFY, List.of(application), true, null, null);
        step(VILLAGE_CLERK, Step.FIRST_PUBLICITY, List.of(application), null, null, null);
        TestCallers.signIn(VILLAGE_CLERK);
        Objection objection = publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form("家有轿车", null, null), null);
        assertThat(objection.filedBy()).isEqualTo("xinhua-clerk");
        // A reviewer of another county cannot decide it; the township's reviewer can.
        TestCallers.signIn(OTHER_COUNTY);
        assertThat(refusal(() -> publicity.decide(objection.id(), true, "no")).kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        TestCallers.signIn(TOWNSHIP_REVIEWER);
        publicity.decide(objection.id(), true, "核实属实：家有轿车一辆");
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(identification.application(application).stage()).isEqualTo(Stage.REJECTED);
        assertThat(households.get(household.id()).status()).isEqualTo(Household.Status.NON_POOR);
        // Not poor, the household may apply again in a later round, not in this one.
        TestCallers.signIn(VILLAGE_CLERK);
        assertThat(codes(refusal(() -> identification.apply(round.id(), List.of(household.id()), Application.Proposer.VILLAGE, null))))
                .containsExactly("subject:" + household.id() + " applied");
    }

    @Test
    void aFloodOfPublicObjectionsIsCutOffAndAnEmptyOneRefused() {
        Household household = household(1, new BigDecimal("1000"));
        Round round = openRound();
        TestCallers.signIn(VILLAGE_CLERK);
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.HOUSEHOLD, null);
        long application = applicationOf(round, household);
        step(VILLAGE_CLERK, Step.APPRAISE, List.of(application), true, null, null);
        step(VILLAGE_CLERK, Step.VERIFY, List.of(application), true, null, null);
        step(VILLAGE_CLERK, Step.FIRST_PUBLICITY, List.of(application), null, null, null);
        TestCallers.signOut();
        assertThat(refusal(() -> publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form(" ", null, null),
                "10.0.7.1")).kind()).isEqualTo(DomainException.Kind.INVALID);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            try {
                publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form("spam " + i, null, null), "10.0.7.2");
                accepted++;
            } catch (DomainException e) {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.TOO_MANY);
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(refused).isEqualTo(35);
        // Another address is still heard.
        publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form("a real one", "张三", "13900000000"), "10.0.7.3");
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(publicity.objections(Procedure.HOUSEHOLD, application)).hasSize(6);
    }

    @Test
    void aRoundNeedsACountyInReachAYearWithALineAndTheQuotaFromAbove() {
        TestCallers.signIn(COUNTY_REVIEWER);
        // No national or provincial line is set for 2020 in the test database.
        assertThat(codes(refusal(() -> identification.openRound(new Round.Form(COUNTY, 2020, 7, null, null)))))
                .containsExactly("year no-line");
        assertThat(codes(refusal(() -> identification.openRound(new Round.Form(COUNTY, YEAR, 7, 100, null)))))
                .containsExactly("quotaHouseholds above");
        assertThat(codes(refusal(() -> identification.openRound(new Round.Form("530102", YEAR, 0, null, null)))))
                .containsExactly("countyCode unknown", "publicityDays range");
        TestCallers.signIn(VILLAGE_CLERK);
        assertThat(refusal(() -> identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null))).kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN);
        TestCallers.signIn(PREFECTURE_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 10, 500, 1800));
        assertThat(round.quotaHouseholds()).isEqualTo(500);
        assertThat(round.quotaSetBy()).isEqualTo("kunming-reviewer");
        assertThat(refusal(() -> identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null))).kind())
                .isEqualTo(DomainException.Kind.CONFLICT);
        // The village's clerk sees its county's round; another county's user does not.
        TestCallers.signIn(VILLAGE_CLERK);
        assertThat(identification.rounds("")).extracting(Round::id).containsExactly(round.id());
        TestCallers.signIn(OTHER_COUNTY);
        assertThat(refusal(() -> identification.round(round.id())).kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    long applicationOf(Round round, Household household) {
        return jdbc.sql("select id from household_application where round_id = :round and household_id = :household")
                .param("round", round.id()).param("household", household.id()).query(Long.class).single();
    }

}
