package org.jingzhun.identification;

import java.time.LocalDate;
import java.util.List;

/**
 * One step made for one subject or a whole list at once (all or none): the step, the subjects (applications or
 * village cases), the decision of a deciding step, the day the step happened (a publicity's start; today when left
 * out; procedures held on paper are entered afterwards with their real days), a note (required when rejecting),
 * the exception that allows approving an ineligible household, the democratic appraisal's record, and an
 * attachment (photo or scan of the posted list or the minutes).
 */
public record StepRequest(Step step, List<Long> ids, Boolean approved, LocalDate date, String note, String exception,
                          Appraisal appraisal, Upload attachment) {

    public StepRequest {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** The meeting of villagers' representatives: its date, how many took part, and the votes. */
    public record Appraisal(LocalDate meetingDate, Integer participants, Integer votesFor, Integer votesAgainst) {
    }

    /** A file as uploaded; its type is told from its content, not from its name. */
    public record Upload(String fileName, byte[] content) {
    }

    /** Whether a deciding step decided against. */
    public boolean rejects() {
        return Boolean.FALSE.equals(approved);
    }
}
