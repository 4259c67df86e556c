package org.jingzhun.job;

/**
 * A kind of job, implemented as a bean by the module whose work it is. The runner gives it the jobs of its kind,
 * one at a time per worker, as their owner.
 */
public interface JobKind {

    /** The kind's name, as jobs are submitted with it (e.g. {@code import}); at most 40 characters. */
    String name();

    /**
     * Runs a job to its end and gives its result. An exception fails the job (a {@link org.jingzhun.platform.DomainException}
     * with its message); an {@link InterruptedException}, or a job no longer on, leaves it interrupted.
     */
    JobResult run(JobContext context) throws Exception;

    /**
     * Cleans up after a job of this kind that was cut short (a stop of its instance, a lost database, its instance
     * gone): the job is marked interrupted already. Called once per job, perhaps on another instance than the one that ran it.
     */
    void interrupted(long id);

    /** The page of the kind's own for a job (its report, say), or null. */
    String page(long id);
}
