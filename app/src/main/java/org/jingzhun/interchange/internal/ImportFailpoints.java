package org.jingzhun.interchange.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.jingzhun.interchange.ImportJob;
import org.springframework.stereotype.Component;

/**
 * Points in an import's course where a test can hold a job until it releases it, and the end of every job,
 * which a test can wait for: the order of concurrent jobs is then set by the test, without sleeping. With
 * nothing held, a point costs a look at an empty list.
 */
@Component
public class ImportFailpoints {

    /** Where a job can be held: claimed by a worker (reading next), its rows staged, its rows checked. */
    public enum Point { STARTED, STAGED, CHECKED }

    /** How many ended jobs are remembered for those who wait on them. */
    private static final int ENDED_KEPT = 10_000;

    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final SequencedSet<Long> ended = new LinkedHashSet<>();

    /** Holds the first job that reaches the point and matches, until {@link Hold#release()}. */
    public Hold hold(Point point, Predicate<ImportJob> which) {
        Hold hold = new Hold(point, which);
        holds.add(hold);
        return hold;
    }

    /** Waits until the job has stopped (done, refused, failed or interrupted). */
    public void awaitEnd(long id) throws InterruptedException {
        synchronized (ended) {
            while (!ended.contains(id)) {
                ended.wait();
            }
        }
    }

    /** Called by a worker at a point: waits there while a hold for the job is on. */
    void reach(Point point, ImportJob job) throws InterruptedException {
        for (Hold hold : holds) {
            if (hold.point == point && hold.which.test(job) && hold.taken.compareAndSet(false, true)) {
                holds.remove(hold);
                hold.job = job.id();
                hold.reached.countDown();
                hold.released.await();
            }
        }
    }

    /** Called when a job has stopped for good. */
    void ended(long id) {
        synchronized (ended) {
            ended.add(id);
            if (ended.size() > ENDED_KEPT) {
                ended.removeFirst();
            }
            ended.notifyAll();
        }
    }

    /** A job held at a point. */
    public static final class Hold {
        private final Point point;
        private final Predicate<ImportJob> which;
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile long job;

        private Hold(Point point, Predicate<ImportJob> which) {
            this.point = point;
            this.which = which;
        }

        /** Waits until a job is held here, and gives its id. */
        public long awaitReached() throws InterruptedException {
            reached.await();
            return job;
        }

        /** Lets the job (or the one to come) go on. */
        public void release() {
            released.countDown();
        }
    }
}
