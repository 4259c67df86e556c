package org.jingzhun.identification.internal;

import static org.jingzhun.identification.Stage.ANNOUNCED;
import static org.jingzhun.identification.Stage.APPLIED;
import static org.jingzhun.identification.Stage.COUNTY_APPROVED;
import static org.jingzhun.identification.Stage.PUBLICITY;
import static org.jingzhun.identification.Stage.TOWNSHIP_REVIEWED;
import static org.jingzhun.platform.Role.DATA_ENTRY;
import static org.jingzhun.platform.Role.REVIEWER;
import static org.jingzhun.procedure.Definition.Kind.DECISION;
import static org.jingzhun.procedure.Definition.Kind.DECISION_AFTER_PUBLICITY;
import static org.jingzhun.procedure.Definition.Kind.PLAIN;
import static org.jingzhun.procedure.Definition.Kind.STARTS_PUBLICITY;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.identification.Procedure.Rule;
import org.jingzhun.identification.Step;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Problems;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.procedure.Rules;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Village identification, "one high, one low, one none", as the procedure engine runs it: a village a province's
 * assessment names a candidate (or one by a recorded exception) applies for a year, and its case goes:
 *
 * <pre>
 *  APPLIED --township review--> TOWNSHIP_REVIEWED --publicity--> PUBLICITY --county approval--> COUNTY_APPROVED
 *    --announce--> ANNOUNCED (a poor village of its year)
 * </pre>
 *
 * The tests were weighed when the village applied: its steps need no rule beyond the engine's checks, and nothing
 * follows them but the stage (the statistics read announced villages from it).
 */
@Configuration(proxyBeanMethods = false)
public class VillageDefinition {

    public static final String NAME = "VILLAGE";

    /** The steps in order: what each does, from which stage to which, made by which role at which levels. */
    public static final List<Rule> STEPS = List.of(
            new Rule(Step.TOWNSHIP_REVIEW, APPLIED, TOWNSHIP_REVIEWED, REVIEWER, HouseholdDefinition.TOWNSHIP_OR_COUNTY, DECISION),
            // posted for the days of the county's round of the year (7 without one); objections hold the approval
            new Rule(Step.PUBLICITY, TOWNSHIP_REVIEWED, PUBLICITY, DATA_ENTRY, HouseholdDefinition.VILLAGE_OR_TOWNSHIP,
                    STARTS_PUBLICITY),
            new Rule(Step.COUNTY_APPROVAL, PUBLICITY, COUNTY_APPROVED, REVIEWER, HouseholdDefinition.COUNTY,
                    DECISION_AFTER_PUBLICITY),
            new Rule(Step.ANNOUNCE, COUNTY_APPROVED, ANNOUNCED, REVIEWER, HouseholdDefinition.COUNTY, PLAIN));

    /** A publicity lasts as many days as the county's round of the year sets, 7 without one. */
    static final String PUBLICITY_DAYS = "coalesce((select r.publicity_days from village_identification v"
            + " join identification_round r on r.county_code = left(v.village_code, 6) and r.year = v.year"
            + " where v.id = c.subject_id), 7)";

    @Bean
    Definition villageIdentification(JdbcClient jdbc) {
        return new Definition(NAME, AreaLevel.VILLAGE, "village-identification", APPLIED.name(), ANNOUNCED.name(),
                STEPS.stream().map(Rule::toStep).toList(), HouseholdDefinition.OBJECTIONS, PUBLICITY_DAYS, new Rules() {

                    @Override
                    public void validate(Definition.Step step, Procedures.Move move, List<FieldProblem> problems) {
                        StepForms.checkException(move, problems);
                    }

                    @Override
                    public void check(Definition.Step step, Procedures.Move move, List<Procedures.Case> cases,
                                      Problems problems) {
                        // weighed when the village applied
                    }

                    @Override
                    public void reached(String stage, List<Long> subjectIds, Procedures.Move move, LocalDate day) {
                        // an announced village is a poor village by its stage: no other record to change
                    }

                    @Override
                    public Map<Long, MessageSourceResolvable> names(Collection<Long> subjectIds) {
                        return SubjectNames.ofVillageCases(jdbc, subjectIds);
                    }
                });
    }
}
