package org.jingzhun.job;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A job as it stands: its kind and owner, the area it counts against, where it is (state, step as a message key,
 * progress from 0 to 1), its result (a message key with its arguments) and the page of its kind, if any. Which
 * instance runs it is the runner's to know (its name holds a path of the server's), not the job's followers'.
 */
public record Job(long id, String kind, String ownerLogin, String areaCode, State state, String step, double progress,
                  String resultKey, List<String> resultArgs, String parameters, String page, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    /** Waiting for a worker, running, then done, failed, or cut short (a stop of its instance, a lost database). */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

        /** Whether the job has stopped for good. */
        public boolean finished() {
            return ordinal() >= DONE.ordinal();
        }
    }

    /** Whether the job has stopped for good (for the pages, whose expressions call public methods). */
    public boolean finished() {
        return state.finished();
    }

    /** The progress in whole per cent. */
    public int percent() {
        return (int) Math.round(Math.max(0, Math.min(1, progress)) * 100);
    }
}
