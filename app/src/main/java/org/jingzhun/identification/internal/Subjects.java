package org.jingzhun.identification.internal;

import java.util.List;

import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.StepRequest;

/** What one procedure adds to the engine: where its subjects are kept, and its own checks and consequences of a step. */
interface Subjects {

    Procedure procedure();

    /** The table of the subjects: id, village_code, stage, stage_since, publicity_start, publicity_end, exception_reason, version. */
    String table();

    /** The entity name of the subjects in the audit trail. */
    String entity();

    /** An SQL expression on the subject {@code s}: the days of its publicity periods. */
    String publicityDays();

    /** Checks of this procedure before a step is made, adding a problem for each subject that may not make it. */
    void check(Procedure.Rule rule, StepRequest request, List<Subject> subjects, Problems problems);

    /**
     * What follows once the subjects reached {@code to} by the request's step on {@code day}, in its transaction
     * (e.g. the registry's status, changed on that day).
     */
    void reached(Stage to, List<Long> ids, StepRequest request, java.time.LocalDate day);
}
