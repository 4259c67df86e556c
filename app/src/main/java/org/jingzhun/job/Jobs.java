package org.jingzhun.job;

import java.util.List;
import java.util.Optional;

/**
 * Submitting and following jobs. A job runs as the caller who submitted it; only they (and a national administrator)
 * see it: anyone else finds no such job.
 */
public interface Jobs {

    /**
     * Queues a job of a kind (a {@link JobKind} bean's name) for the caller, with parameters its kind reads (at most
     * 4000 characters). When {@code here}, only this instance runs it (its files are on this instance's disk). Joins
     * the caller's transaction: the workers see the job once it commits.
     */
    long submit(String kind, String parameters, boolean here);

    /** One job of the caller's; any other is not found. */
    Job get(long id);

    /** The caller's latest jobs, newest first (a national administrator's: everyone's). */
    List<Job> recent();

    /** The caller's latest job of a kind (a national administrator's: anyone's). */
    Optional<Job> latest(String kind);

    /**
     * Marks the jobs of a kind that this instance runs as interrupted and stops them at their next check: for when
     * what they work on went away under them.
     */
    void interruptRunning(String kind);
}
