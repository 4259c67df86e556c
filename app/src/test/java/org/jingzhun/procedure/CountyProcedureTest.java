package org.jingzhun.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.jingzhun.procedure.Procedures.Approval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.annotation.Transactional;

/**
 * A third procedure written here, in test code, without a line of the engine changed: a county's exit from poverty,
 * whose subject is a county and whose steps go up to the province and the nation. The county posts it for public
 * comment; the prefecture reviews it once the publicity is over and no objection is open; the province approves it if
 * the county's incidence of poverty is below 3% (the procedure's own rule); the nation's spot check ends it.
 */
@JingzhunTest
@Transactional
class CountyProcedureTest {

    static final String COUNTY = "640122"; // Helan, Ningxia
    static final long SUBJECT = 640122L;

    static final Caller COUNTY_CLERK = TestCallers.of("exit-helan-clerk", EnumSet.of(Role.DATA_ENTRY), COUNTY);
    static final Caller PREFECTURE_REVIEWER = TestCallers.of("exit-yinchuan-reviewer", EnumSet.of(Role.REVIEWER), "6401");
    static final Caller PROVINCE_REVIEWER = TestCallers.of("exit-ningxia-reviewer", EnumSet.of(Role.REVIEWER), "64");
    static final Caller NATIONAL_REVIEWER = TestCallers.of("exit-national-reviewer", EnumSet.of(Role.REVIEWER), "");
    static final Caller COUNTY_REVIEWER = TestCallers.of("exit-helan-reviewer", EnumSet.of(Role.REVIEWER), COUNTY);

    /**
     * The definition, as a module owning the procedure would declare it (as a bean of its configuration). Here it is
     * registered in the running application, which all integration tests share.
     */
    static final class CountyExit {

        static final Set<AreaLevel> COUNTY_LEVEL = Set.of(AreaLevel.COUNTY);

        static Definition countyExit() {
            return new Definition("COUNTY_EXIT", AreaLevel.COUNTY, "county-exit", "APPLIED", "EXITED", List.of(
                    new Definition.Step("PUBLICITY", "APPLIED", "PUBLICITY", new Definition.Maker(Role.DATA_ENTRY, COUNTY_LEVEL),
                            Definition.Kind.STARTS_PUBLICITY, false, true),
                    new Definition.Step("PREFECTURE_REVIEW", "PUBLICITY", "PREFECTURE_REVIEWED",
                            new Definition.Maker(Role.REVIEWER, Set.of(AreaLevel.PREFECTURE)),
                            Definition.Kind.DECISION_AFTER_PUBLICITY, false, true),
                    new Definition.Step("PROVINCE_APPROVAL", "PREFECTURE_REVIEWED", "PROVINCE_APPROVED",
                            new Definition.Maker(Role.REVIEWER, Set.of(AreaLevel.PROVINCE)), Definition.Kind.DECISION, false, true),
                    new Definition.Step("NATIONAL_SPOT_CHECK", "PROVINCE_APPROVED", "EXITED",
                            new Definition.Maker(Role.REVIEWER, Set.of(AreaLevel.NATION)), Definition.Kind.DECISION, false, false)),
                    List.of(new Definition.Maker(Role.REVIEWER, Set.of(AreaLevel.PREFECTURE))), "10", new IncidenceRule());
        }
    }

    /** The province approves an exit only below 3% of poor people, as the step's details say. */
    static class IncidenceRule implements Rules {

        @Override
        public void validate(Definition.Step step, Procedures.Move move, List<FieldProblem> problems) {
            if (step.name().equals("PROVINCE_APPROVAL") && !(move.details().get("incidence") instanceof BigDecimal)) {
                problems.add(new FieldProblem("incidence", "required", "county-exit.incidence"));
            }
        }

        @Override
        public void check(Definition.Step step, Procedures.Move move, List<Procedures.Case> cases, Problems problems) {
            if (step.name().equals("PROVINCE_APPROVAL") && !move.rejects()
                    && ((BigDecimal) move.details().get("incidence")).compareTo(new BigDecimal("0.03")) >= 0) {
                cases.forEach(c -> problems.of(c.subjectId(), "incidence", "county-exit.incidence-high"));
            }
        }

        @Override
        public void reached(String stage, List<Long> subjectIds, Procedures.Move move, LocalDate day) {
        }

        @Override
        public Map<Long, MessageSourceResolvable> names(Collection<Long> subjectIds) {
            return Map.of();
        }
    }

    @Autowired
    Procedures procedures;
    @Autowired
    TestClock clock;
    @Autowired
    ConfigurableApplicationContext context;

    @org.junit.jupiter.api.BeforeEach
    void define() {
        if (!context.getBeanFactory().containsBean("countyExit")) {
            context.getBeanFactory().registerSingleton("countyExit", CountyExit.countyExit());
        }
    }

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void aCountyExitGoesThroughItsPublicityAnObjectionAndTheApprovalsUpToTheNation() {
        TestCallers.signIn(COUNTY_CLERK);
        LocalDate today = procedures.startDay(null, "date");
        procedures.start("COUNTY_EXIT", List.of(new Procedures.Subject(SUBJECT, COUNTY, null)), today, Map.of(), "applied");
        assertThat(procedures.approval("COUNTY_EXIT", SUBJECT)).containsEntry(AreaLevel.COUNTY, Approval.READY)
                .containsEntry(AreaLevel.PREFECTURE, Approval.WAITING).containsEntry(AreaLevel.NATION, Approval.WAITING);

        // the county posts its exit for ten days (the definition's days)
        procedures.step("COUNTY_EXIT", move("PUBLICITY", null, today, Map.of()));
        Procedures.Case posted = procedures.find("COUNTY_EXIT", SUBJECT).orElseThrow();
        assertThat(posted.stage()).isEqualTo("PUBLICITY");
        assertThat(posted.publicityEnd()).isEqualTo(today.plusDays(9));
        assertThat(procedures.inPublicity("COUNTY_EXIT", SUBJECT)).isPresent();
        // on the public lists of its prefecture, in publicity
        assertThat(procedures.published("COUNTY_EXIT", "6401", true, 10, 0)).extracting(Procedures.Case::subjectId)
                .containsExactly(SUBJECT);
        assertThat(procedures.published("COUNTY_EXIT", "6402", true, 10, 0)).isEmpty();

        // someone objects, as the public, during the publicity
        TestCallers.signOut();
        Procedures.Objection objection = procedures.object("COUNTY_EXIT", SUBJECT,
                new Procedures.ObjectionForm("our village is still poor", null, null, null), "203.0.113.77", null);
        assertThat(objection.state()).isEqualTo("OPEN");

        // after the publicity, the open objection holds the prefecture's review
        clock.advanceDays(11);
        TestCallers.signIn(PREFECTURE_REVIEWER);
        assertThatThrownBy(() -> procedures.step("COUNTY_EXIT", move("PREFECTURE_REVIEW", true, null, Map.of())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::code).containsExactly("objection"));
        procedures.decide(objection.id(), false, "checked: the village has exited already", null);
        procedures.step("COUNTY_EXIT", move("PREFECTURE_REVIEW", true, null, Map.of()));
        assertThat(procedures.approval("COUNTY_EXIT", SUBJECT)).containsEntry(AreaLevel.PREFECTURE, Approval.APPROVED)
                .containsEntry(AreaLevel.PROVINCE, Approval.READY);

        // a county's reviewer may not make the province's step; the province refuses an incidence too high
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThatThrownBy(() -> procedures.step("COUNTY_EXIT", move("PROVINCE_APPROVAL", true, null,
                Map.of("incidence", new BigDecimal("0.02")))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::code).containsExactly("level"));
        TestCallers.signIn(PROVINCE_REVIEWER);
        assertThatThrownBy(() -> procedures.step("COUNTY_EXIT", move("PROVINCE_APPROVAL", true, null,
                Map.of("incidence", new BigDecimal("0.05")))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::code).containsExactly("incidence"));
        procedures.step("COUNTY_EXIT", move("PROVINCE_APPROVAL", true, null, Map.of("incidence", new BigDecimal("0.02"))));

        // the nation's spot check ends it
        TestCallers.signIn(NATIONAL_REVIEWER);
        Procedures.Result result = procedures.step("COUNTY_EXIT", move("NATIONAL_SPOT_CHECK", true, null, Map.of()));
        assertThat(result.moved()).isEqualTo(1);
        assertThat(procedures.find("COUNTY_EXIT", SUBJECT).orElseThrow().stage()).isEqualTo("EXITED");
        assertThat(procedures.published("COUNTY_EXIT", "64", true, 10, 0)).isEmpty();
        assertThat(procedures.published("COUNTY_EXIT", "64", false, 10, 0)).extracting(Procedures.Case::subjectId)
                .containsExactly(SUBJECT);
        assertThat(procedures.approval("COUNTY_EXIT", SUBJECT)).containsEntry(AreaLevel.COUNTY, Approval.ACCEPTED)
                .containsEntry(AreaLevel.PREFECTURE, Approval.ACCEPTED).containsEntry(AreaLevel.PROVINCE, Approval.ACCEPTED)
                .containsEntry(AreaLevel.NATION, Approval.APPROVED);
        assertThat(procedures.steps("COUNTY_EXIT", SUBJECT)).extracting(Procedures.LoggedStep::step, Procedures.LoggedStep::actorLogin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("APPLY", "exit-helan-clerk"),
                        org.assertj.core.groups.Tuple.tuple("PUBLICITY", "exit-helan-clerk"),
                        org.assertj.core.groups.Tuple.tuple("PREFECTURE_REVIEW", "exit-yinchuan-reviewer"),
                        org.assertj.core.groups.Tuple.tuple("PROVINCE_APPROVAL", "exit-ningxia-reviewer"),
                        org.assertj.core.groups.Tuple.tuple("NATIONAL_SPOT_CHECK", "exit-national-reviewer"));
        assertThat(procedures.steps("COUNTY_EXIT", SUBJECT).get(3).details()).containsEntry("approved", true);
        assertThat(procedures.objections("COUNTY_EXIT", SUBJECT)).extracting(Procedures.Objection::state)
                .containsExactly("DISMISSED");
    }

    @Test
    void aStepThatIsNotForAWholeListTakesOneCase() {
        TestCallers.signIn(COUNTY_CLERK);
        LocalDate today = procedures.startDay(null, "date");
        procedures.start("COUNTY_EXIT", List.of(new Procedures.Subject(SUBJECT, COUNTY, null),
                new Procedures.Subject(640121L, "640121", null)), today, Map.of(), null);
        assertThatThrownBy(() -> procedures.step("COUNTY_EXIT",
                new Procedures.Move("PUBLICITY", List.of(SUBJECT, 640121L), null, today, "date", null, Map.of(), null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::code).containsExactly("one"));
    }

    private static Procedures.Move move(String step, Boolean approved, LocalDate day, Map<String, Object> details) {
        return new Procedures.Move(step, List.of(SUBJECT), approved, day, "date", null, details, null);
    }
}
