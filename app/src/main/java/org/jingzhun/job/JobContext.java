package org.jingzhun.job;

import org.jingzhun.platform.Caller;

/** What a running job is given: its id and parameters, its owner, its worker's memory, and its progress to report. */
public interface JobContext {

    long id();

    /** The parameters the job was submitted with. */
    String parameters();

    /** The caller who submitted the job, with the roles and areas they had then: the job runs as them. */
    Caller owner();

    /** The memory the job may use, in bytes: the workers together stay within the heap. */
    long memoryBudget();

    /** Where the job is: a message key naming its step, and the share of the whole done, from 0 to 1. */
    void progress(String step, double done);

    /** Whether the job is still on: false once it was interrupted (its worker, or marked in the database). */
    boolean stillOn();
}
