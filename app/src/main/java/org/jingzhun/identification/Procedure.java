package org.jingzhun.identification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.identification.internal.HouseholdDefinition;
import org.jingzhun.identification.internal.VillageDefinition;
import org.jingzhun.platform.Role;
import org.jingzhun.procedure.Definition;

/**
 * The two procedures of identification, each a definition the procedure engine runs (its name is the engine's):
 * each rule says from which stage a step goes to which, and who may make it: the role, and the levels of area the
 * user must be bound to above the subject. The steps are declared in {@link HouseholdDefinition} and
 * {@link VillageDefinition}.
 */
public enum Procedure {

    /** Application, democratic appraisal, verification, two publicities, township review, county approval, announcement. */
    HOUSEHOLD(HouseholdDefinition.STEPS),

    /** Application of a candidate village, township review, one publicity, county approval, announcement. */
    VILLAGE(VillageDefinition.STEPS);

    /** Who applies, in both procedures: data entry of the village or township. */
    public static final Role APPLICANT_ROLE = Role.DATA_ENTRY;

    private final List<Rule> rules;

    Procedure(List<Rule> rules) {
        this.rules = rules;
    }

    /** The levels whose data entry users apply, and decide objections with the township and county reviewers. */
    public static Set<AreaLevel> applicantLevels() {
        return HouseholdDefinition.VILLAGE_OR_TOWNSHIP;
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

    /** One transition: a step from one stage to the next (or, for a decision that rejects, to {@link Stage#REJECTED}). */
    public record Rule(Step step, Stage from, Stage to, Role role, Set<AreaLevel> levels, Definition.Kind kind) {

        /** The levels as one name, e.g. "TOWNSHIP-VILLAGE", for the message that says who makes the step. */
        public String levelsKey() {
            return new Definition.Maker(role, levels).levelsKey();
        }

        /** The step as the engine runs it: any step of identification may be made for a whole list, with a file attached. */
        public Definition.Step toStep() {
            return new Definition.Step(step.name(), from.name(), to.name(), new Definition.Maker(role, levels), kind, true, true);
        }
    }
}
