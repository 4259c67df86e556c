package org.jingzhun.identification.internal;

import static org.jingzhun.identification.Stage.APPLIED;
import static org.jingzhun.identification.Stage.APPRAISED;
import static org.jingzhun.identification.Stage.ANNOUNCED;
import static org.jingzhun.identification.Stage.COUNTY_APPROVED;
import static org.jingzhun.identification.Stage.FIRST_PUBLICITY;
import static org.jingzhun.identification.Stage.SECOND_PUBLICITY;
import static org.jingzhun.identification.Stage.TOWNSHIP_REVIEWED;
import static org.jingzhun.identification.Stage.VERIFIED;
import static org.jingzhun.platform.Role.DATA_ENTRY;
import static org.jingzhun.platform.Role.REVIEWER;
import static org.jingzhun.procedure.Definition.Kind.DECISION;
import static org.jingzhun.procedure.Definition.Kind.DECISION_AFTER_PUBLICITY;
import static org.jingzhun.procedure.Definition.Kind.PLAIN;
import static org.jingzhun.procedure.Definition.Kind.STARTS_PUBLICITY;

import java.util.List;
import java.util.Set;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.identification.Procedure.Rule;
import org.jingzhun.identification.Step;
import org.jingzhun.procedure.Definition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Household identification, "two publicities and one announcement", as the procedure engine runs it: the whole
 * procedure on one page. A household of a county's round applies (or its village proposes it) and its case goes:
 *
 * <pre>
 *  APPLIED --appraise--> APPRAISED --verify--> VERIFIED --first publicity--> FIRST_PUBLICITY
 *    --township review--> TOWNSHIP_REVIEWED --second publicity--> SECOND_PUBLICITY
 *    --county approval--> COUNTY_APPROVED --announce--> ANNOUNCED
 * </pre>
 *
 * A decision may reject instead (REJECTED, with a note), and so does an upheld objection. Every step may be made
 * for a whole list at once (all or none) and carry a photo or scan. The rules of its own are in
 * {@link HouseholdRules}: the democratic appraisal's votes, the income test and the round's quota at county
 * approval, and the registry's status following the case.
 */
@Configuration(proxyBeanMethods = false)
public class HouseholdDefinition {

    /** The engine's name of the procedure, kept with every case, step and objection. */
    public static final String NAME = "HOUSEHOLD";

    public static final Set<AreaLevel> VILLAGE_OR_TOWNSHIP = Set.of(AreaLevel.VILLAGE, AreaLevel.TOWNSHIP);
    public static final Set<AreaLevel> TOWNSHIP_OR_COUNTY = Set.of(AreaLevel.TOWNSHIP, AreaLevel.COUNTY);
    public static final Set<AreaLevel> COUNTY = Set.of(AreaLevel.COUNTY);

    /** Who starts a case (the household applies, or its village proposes it): data entry of the village or township. */
    public static final Definition.Maker APPLICANTS = new Definition.Maker(DATA_ENTRY, VILLAGE_OR_TOWNSHIP);

    /** The steps in order: what each does, from which stage to which, made by which role at which levels. */
    public static final List<Rule> STEPS = List.of(
            // the villagers' representatives vote: checked by HouseholdRules.validate
            new Rule(Step.APPRAISE, APPLIED, APPRAISED, DATA_ENTRY, VILLAGE_OR_TOWNSHIP, DECISION),
            new Rule(Step.VERIFY, APPRAISED, VERIFIED, DATA_ENTRY, VILLAGE_OR_TOWNSHIP, DECISION),
            // posted in the village for the round's days; objections hold the next step while open
            new Rule(Step.FIRST_PUBLICITY, VERIFIED, FIRST_PUBLICITY, DATA_ENTRY, VILLAGE_OR_TOWNSHIP, STARTS_PUBLICITY),
            new Rule(Step.TOWNSHIP_REVIEW, FIRST_PUBLICITY, TOWNSHIP_REVIEWED, REVIEWER, TOWNSHIP_OR_COUNTY,
                    DECISION_AFTER_PUBLICITY),
            new Rule(Step.SECOND_PUBLICITY, TOWNSHIP_REVIEWED, SECOND_PUBLICITY, DATA_ENTRY, VILLAGE_OR_TOWNSHIP,
                    STARTS_PUBLICITY),
            // the income test (below the line, or a recorded exception) and the quota: HouseholdRules.check
            new Rule(Step.COUNTY_APPROVAL, SECOND_PUBLICITY, COUNTY_APPROVED, REVIEWER, COUNTY, DECISION_AFTER_PUBLICITY),
            // registered in the registry (rejected: back to not poor): HouseholdRules.reached
            new Rule(Step.ANNOUNCE, COUNTY_APPROVED, ANNOUNCED, REVIEWER, COUNTY, PLAIN));

    /** Who decides an objection: data entry of the village or township, reviewers of the township or county. */
    public static final List<Definition.Maker> OBJECTIONS = List.of(new Definition.Maker(DATA_ENTRY, VILLAGE_OR_TOWNSHIP),
            new Definition.Maker(REVIEWER, TOWNSHIP_OR_COUNTY));

    /** A publicity lasts as many days as the round of the application sets (7 unless set otherwise). */
    static final String PUBLICITY_DAYS = "(select r.publicity_days from household_application a"
            + " join identification_round r on r.id = a.round_id where a.id = c.subject_id)";

    @Bean
    Definition householdIdentification(HouseholdRules rules) {
        return new Definition(NAME, AreaLevel.VILLAGE, "household-application", APPLIED.name(), ANNOUNCED.name(),
                STEPS.stream().map(Rule::toStep).toList(), OBJECTIONS, PUBLICITY_DAYS, rules);
    }
}
