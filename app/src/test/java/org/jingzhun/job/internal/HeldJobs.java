package org.jingzhun.job.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.jingzhun.job.JobContext;
import org.jingzhun.job.JobKind;
import org.jingzhun.job.JobResult;

/**
 * A kind of job for tests: each job reports that it started, then waits until the test releases it. Its name is
 * new for each test, so that no other runner (the application's among them) takes its jobs.
 */
final class HeldJobs implements JobKind {

    private final String name = "held-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<Long, CountDownLatch> started = new ConcurrentHashMap<>();
    private final Map<Long, CountDownLatch> released = new ConcurrentHashMap<>();
    final Set<Long> cleanedUp = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return name;
    }

    @Override
    public JobResult run(JobContext context) throws Exception {
        context.progress("job.state.RUNNING", 0.5);
        started(context.id()).countDown();
        released(context.id()).await();
        if (!context.stillOn()) {
            throw new InterruptedException("held job " + context.id() + " was stopped");
        }
        return new JobResult("job.state.DONE", List.of(context.owner().login()));
    }

    @Override
    public void interrupted(long id) {
        cleanedUp.add(id);
    }

    @Override
    public String page(long id) {
        return null;
    }

    /** Waits until the job runs. */
    void awaitStarted(long id) throws InterruptedException {
        started(id).await();
    }

    void release(long id) {
        released(id).countDown();
    }

    private CountDownLatch started(long id) {
        return started.computeIfAbsent(id, i -> new CountDownLatch(1));
    }

    private CountDownLatch released(long id) {
        return released.computeIfAbsent(id, i -> new CountDownLatch(1));
    }
}
