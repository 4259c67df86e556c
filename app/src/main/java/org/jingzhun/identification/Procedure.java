package org.jingzhun.identification;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.platform.Role;

/**
 * The two procedures as state machines: each rule says from which stage a step goes to which, and who may make
 * it: the role, and the levels of area (village, township, county) the user must be bound to above the subject.
 */
public enum Procedure {

    /** Application, democratic appraisal, verification, two publicities, township review, county approval, announcement. */
    HOUSEHOLD(List.of(
            new Rule(Step.APPRAISE, Stage.APPLIED, Stage.APPRAISED, Role.DATA_ENTRY, Levels.VILLAGE_OR_TOWNSHIP, Kind.DECISION),
            new Rule(Step.VERIFY, Stage.APPRAISED, Stage.VERIFIED, Role.DATA_ENTRY, Levels.VILLAGE_OR_TOWNSHIP, Kind.DECISION),
            new Rule(Step.FIRST_PUBLICITY, Stage.VERIFIED, Stage.FIRST_PUBLICITY, Role.DATA_ENTRY, Levels.VILLAGE_OR_TOWNSHIP,
                    Kind.STARTS_PUBLICITY),
            new Rule(Step.TOWNSHIP_REVIEW, Stage.FIRST_PUBLICITY, Stage.TOWNSHIP_REVIEWED, Role.REVIEWER, Levels.TOWNSHIP_OR_COUNTY,
                    Kind.DECISION_AFTER_PUBLICITY),
            new Rule(Step.SECOND_PUBLICITY, Stage.TOWNSHIP_REVIEWED, Stage.SECOND_PUBLICITY, Role.DATA_ENTRY,
                    Levels.VILLAGE_OR_TOWNSHIP, Kind.STARTS_PUBLICITY),
            new Rule(Step.COUNTY_APPROVAL, Stage.SECOND_PUBLICITY, Stage.COUNTY_APPROVED, Role.REVIEWER, Levels.COUNTY,
                    Kind.DECISION_AFTER_PUBLICITY),
            new Rule(Step.ANNOUNCE, Stage.COUNTY_APPROVED, Stage.ANNOUNCED, Role.REVIEWER, Levels.COUNTY, Kind.PLAIN))),

    /** Application of a candidate village, township review, one publicity, county approval, announcement. */
    VILLAGE(List.of(
            new Rule(Step.TOWNSHIP_REVIEW, Stage.APPLIED, Stage.TOWNSHIP_REVIEWED, Role.REVIEWER, Levels.TOWNSHIP_OR_COUNTY,
                    Kind.DECISION),
            new Rule(Step.PUBLICITY, Stage.TOWNSHIP_REVIEWED, Stage.PUBLICITY, Role.DATA_ENTRY, Levels.VILLAGE_OR_TOWNSHIP,
                    Kind.STARTS_PUBLICITY),
            new Rule(Step.COUNTY_APPROVAL, Stage.PUBLICITY, Stage.COUNTY_APPROVED, Role.REVIEWER, Levels.COUNTY,
                    Kind.DECISION_AFTER_PUBLICITY),
            new Rule(Step.ANNOUNCE, Stage.COUNTY_APPROVED, Stage.ANNOUNCED, Role.REVIEWER, Levels.COUNTY, Kind.PLAIN)));

    /** Who applies, in both procedures: data entry of the village or township. */
    public static final Role APPLICANT_ROLE = Role.DATA_ENTRY;

    private final List<Rule> rules;

    Procedure(List<Rule> rules) {
        this.rules = rules;
    }

    /** The levels whose data entry users apply, and decide objections with the township and county reviewers. */
    public static Set<AreaLevel> applicantLevels() {
        return Levels.VILLAGE_OR_TOWNSHIP;
    }

    /** The rules in the order of the procedure. */
    public List<Rule> rules() {
        return rules;
    }

    /** The rule of a step, if the procedure has that step. */
    public Optional<Rule> rule(Step step) {
        return rules.stream().filter(rule -> rule.step() == step).findFirst();
    }

    /** The rule that moves a subject on from a stage, if any. */
    public Optional<Rule> next(Stage stage) {
        return rules.stream().filter(rule -> rule.from() == stage).findFirst();
    }

    /** How a step decides: a decision may reject; a publicity starts a period; some decisions wait for one to end. */
    public enum Kind {
        PLAIN, DECISION, STARTS_PUBLICITY, DECISION_AFTER_PUBLICITY;

        public boolean decision() {
            return this == DECISION || this == DECISION_AFTER_PUBLICITY;
        }
    }

    /** One transition: a step from one stage to the next (or, for a decision that rejects, to {@link Stage#REJECTED}). */
    public record Rule(Step step, Stage from, Stage to, Role role, Set<AreaLevel> levels, Kind kind) {

        /** The levels as one name, e.g. "TOWNSHIP-VILLAGE", for the message that says who makes the step. */
        public String levelsKey() {
            return levels.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining("-"));
        }
    }

    /** The sets of levels of the rules (in a class of their own: enum constants cannot use the enum's static fields). */
    private static final class Levels {
        static final Set<AreaLevel> VILLAGE_OR_TOWNSHIP = Set.copyOf(EnumSet.of(AreaLevel.VILLAGE, AreaLevel.TOWNSHIP));
        static final Set<AreaLevel> TOWNSHIP_OR_COUNTY = Set.copyOf(EnumSet.of(AreaLevel.TOWNSHIP, AreaLevel.COUNTY));
        static final Set<AreaLevel> COUNTY = Set.of(AreaLevel.COUNTY);
    }
}
