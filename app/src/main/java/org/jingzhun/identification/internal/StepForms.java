package org.jingzhun.identification.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.procedure.Procedures;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Identification's step forms as the engine's moves, the same for both procedures: the details a step keeps (the
 * appraisal's figures, the exception) and its day (the appraisal's is its meeting's, in the field that names it).
 */
final class StepForms {

    private StepForms() {
    }

    /** The engine's move of a request. */
    static Procedures.Move move(StepRequest request) {
        Map<String, Object> details = new HashMap<>();
        LocalDate date = request.date();
        String dateField = "date";
        StepRequest.Appraisal appraisal = request.appraisal();
        if (appraisal != null) {
            details.put("meetingDate", String.valueOf(appraisal.meetingDate()));
            details.put("participants", appraisal.participants());
            details.put("votesFor", appraisal.votesFor());
            details.put("votesAgainst", appraisal.votesAgainst());
        }
        if (request.step() == Step.APPRAISE) {
            dateField = "appraisal.meetingDate";
            if (appraisal != null && appraisal.meetingDate() != null
                    && (request.date() == null || request.date().equals(appraisal.meetingDate()))) {
                date = appraisal.meetingDate();
            }
        }
        if (blankToNull(request.exception()) != null) {
            details.put("exception", request.exception().strip());
        }
        return new Procedures.Move(request.step() == null ? null : request.step().name(), request.ids(), request.approved(),
                date, dateField, request.note(), details,
                request.attachment() == null ? null
                        : new Procedures.Upload(request.attachment().fileName(), request.attachment().content()));
    }

    /** What a step did, in identification's words. */
    static StepResult result(Procedures.Result result) {
        return new StepResult(Step.valueOf(result.step()), result.moved(), result.rejected());
    }

    /** The exception's length, checked by both procedures' rules. */
    static void checkException(Procedures.Move move, List<FieldProblem> problems) {
        Object exception = move.details().get("exception");
        if (exception != null && exception.toString().length() > 2000) {
            problems.add(new FieldProblem("exception", "too-long", "household.too-long", 2000));
        }
    }

    /** The exception a step records, if any. */
    static String exception(Procedures.Move move) {
        Object exception = move.details().get("exception");
        return exception == null ? null : exception.toString();
    }

    /** A message argument resolved in the user's language when the refusal is shown. */
    static MessageSourceResolvable named(String key) {
        return new DefaultMessageSourceResolvable(key);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
