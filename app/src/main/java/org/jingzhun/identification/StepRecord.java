package org.jingzhun.identification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/** A step as recorded: who made it, on which day, what it decided, its details and attachment. */
public record StepRecord(long id, Step step, Stage from, Stage to, LocalDate doneOn, String actorLogin,
                         OffsetDateTime recordedAt, Map<String, Object> details, String note, Long attachmentId,
                         String attachmentName) {
}
