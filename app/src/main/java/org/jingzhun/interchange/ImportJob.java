package org.jingzhun.interchange;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An import of a household file as it stands: where it is in its course, how far it got, and its result.
 * {@code messageKey} says why a file was refused whole or why the job failed; {@code warnings} what was read but not taken.
 */
public record ImportJob(long id, String userLogin, String fileName, long fileSize, FileFormat format, String charset,
                        Mode mode, Status status, long bytesRead, int rowsRead, int households, int householdsAdded,
                        int membersAdded, int householdsUnchanged, int rowsRefused, String messageKey,
                        List<String> messageArgs, List<Warning> warnings, OffsetDateTime createdAt,
                        OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    /** Enter the households without problems and refuse the others, or enter nothing unless every row is right. */
    public enum Mode { VALID_ROWS, ALL_OR_NOTHING }

    /** The course of an import: queued, read into staging, checked, written; then done, refused whole, failed or interrupted. */
    public enum Status {
        QUEUED, READING, CHECKING, WRITING, DONE, REFUSED, FAILED, INTERRUPTED;

        /** Whether the job has stopped for good. */
        public boolean finished() {
            return ordinal() >= DONE.ordinal();
        }
    }

    /** Something read but not taken, e.g. a column the import does not know. */
    public record Warning(String key, List<String> args) {
    }

    /** Per cent of the reading done, when it can be told (a CSV file): null otherwise. */
    public Integer percentRead() {
        if (status.finished() || status == Status.CHECKING || status == Status.WRITING) {
            return 100;
        }
        return format == FileFormat.CSV && fileSize > 0 ? (int) Math.min(100, bytesRead * 100 / fileSize) : null;
    }

    /** The time the reading still needs at its pace so far, when it can be told. */
    public Duration readingLeft() {
        Integer percent = percentRead();
        if (status != Status.READING || percent == null || percent == 0 || startedAt == null) {
            return null;
        }
        Duration spent = Duration.between(startedAt, org.jingzhun.platform.ChinaClock.now());
        return spent.multipliedBy(100 - percent).dividedBy(percent);
    }

    /** Whether the import entered (or would have entered) nothing because some row was refused, in all-or-nothing mode. */
    public boolean refusedWhole() {
        return mode == Mode.ALL_OR_NOTHING && rowsRefused > 0 && status == Status.DONE;
    }
}
