package org.jingzhun.procedure;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.MessageSourceResolvable;

/**
 * A procedure's own rules, plain code beside its {@link Definition}, which the engine calls at the step they belong
 * to, inside the step's transaction. Each is called once for the whole list a step names.
 */
public interface Rules {

    /** Checks the request itself before anything is read (e.g. the appraisal's votes), adding what is wrong. */
    void validate(Definition.Step step, Procedures.Move move, List<FieldProblem> problems);

    /** Checks the cases, locked, before the step is made (e.g. the income test and the quota), adding a problem per case. */
    void check(Definition.Step step, Procedures.Move move, List<Procedures.Case> cases, Problems problems);

    /** What follows once the cases reached {@code stage} on {@code day} (e.g. the registry's status). */
    void reached(String stage, List<Long> subjectIds, Procedures.Move move, LocalDate day);

    /** The words that name each subject the caller reaches in a refusal (never an internal id where avoidable). */
    Map<Long, MessageSourceResolvable> names(Collection<Long> subjectIds);
}
