package org.jingzhun.procedure;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;

/**
 * A procedure as the engine runs it: its name (kept with every case, step and objection), the level of area its
 * subjects are at, the stage a case starts in and those it ends in, the steps from stage to stage with who makes
 * each, who decides objections, how many days a publicity lasts, and its own rules. Declared in one place by the
 * module that owns the procedure, as a bean; the engine finds it by name.
 *
 * @param name          upper-case name, e.g. {@code HOUSEHOLD}
 * @param subjects      the level of the subjects' area codes (village for households and villages, county for a county)
 * @param entity        the subjects' name in the audit trail, e.g. {@code household-application}
 * @param start         the stage a case starts in
 * @param announced     the end shown on the public lists as announced (null: none)
 * @param steps         the steps in the order of the procedure
 * @param objections    who decides an objection: any of these makers
 * @param publicityDays SQL on the case {@code c} (procedure_case) giving the days of its publicities, e.g. {@code 7}
 * @param rules         the procedure's own checks and consequences, called by the engine at the steps they belong to
 */
public record Definition(String name, AreaLevel subjects, String entity, String start, String announced,
                         List<Step> steps, List<Maker> objections, String publicityDays, Rules rules) {

    /** The stage a case ends in when a decision or an upheld objection rejects it. */
    public static final String REJECTED = "REJECTED";
    /** The step recorded when a case starts, and the one of an upheld objection. */
    public static final String START = "APPLY";
    public static final String OBJECTION_UPHELD = "OBJECTION_UPHELD";

    public Definition {
        steps = List.copyOf(steps);
        objections = List.copyOf(objections);
    }

    /** Who makes a step: a role, bound to an area of one of the levels that holds the subject. */
    public record Maker(Role role, Set<AreaLevel> levels) {

        public Maker {
            levels = Set.copyOf(levels);
        }

        /** The levels as one name, e.g. "TOWNSHIP-VILLAGE", for the message that says who makes the step. */
        public String levelsKey() {
            return levels.stream().map(Enum::name).sorted().collect(Collectors.joining("-"));
        }

        /**
         * Whether the caller is bound to an area of one of the levels that holds the subject's area, from the village
         * up to the nation (bound to the nation: the empty code). The role is checked apart.
         */
        public boolean actsAt(Caller caller, String areaCode) {
            return caller.areas().stream().anyMatch(area -> areaCode.startsWith(area)
                    && AreaLevel.ofCodeLength(area.length()).filter(levels::contains).isPresent());
        }
    }

    /**
     * One step from a stage to the next (or, for a decision that rejects, to {@link #REJECTED}), its maker, its
     * kind, whether a whole list may be stepped at once (all or none), and whether a file may be attached.
     */
    public record Step(String name, String from, String to, Maker maker, Kind kind, boolean bulk, boolean attachment) {
    }

    /** How a step decides: a decision may reject; a publicity starts a period; some decisions wait for one to end. */
    public enum Kind {
        PLAIN, DECISION, STARTS_PUBLICITY, DECISION_AFTER_PUBLICITY;

        public boolean decision() {
            return this == DECISION || this == DECISION_AFTER_PUBLICITY;
        }
    }

    /** The step by its name, if the procedure has it. */
    public Optional<Step> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** The step that moves a case on from a stage, if any. */
    public Optional<Step> next(String stage) {
        return steps.stream().filter(step -> step.from().equals(stage)).findFirst();
    }

    /** Whether a case in this stage has ended: rejected, or at a stage no step leaves. */
    public boolean ended(String stage) {
        return REJECTED.equals(stage) || next(stage).isEmpty();
    }

    /** Whether a stage is a publicity: the one a step starting a publicity reaches. */
    public boolean publicity(String stage) {
        return steps.stream().anyMatch(step -> step.kind() == Kind.STARTS_PUBLICITY && step.to().equals(stage));
    }
}
