/**
 * Jobs: long work run in the background by the workers of each instance, fairly between areas, each with a memory
 * budget, followed on one page and one API. A module runs its kind of job by implementing {@link org.jingzhun.job.JobKind}
 * as a bean; the job runs as its owner and reports its progress. Jobs live in the database and survive the instance.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs")
package org.jingzhun.job;
