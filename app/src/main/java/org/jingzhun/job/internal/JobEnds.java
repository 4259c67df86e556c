package org.jingzhun.job.internal;

import java.util.LinkedHashSet;
import java.util.SequencedSet;

import org.springframework.stereotype.Component;

/**
 * The end of every job (done, failed or interrupted), which a test can wait for instead of sleeping. A job may be
 * told as ended twice (its worker stops after it was marked interrupted); the first tells.
 */
@Component
public class JobEnds {

    /** How many ended jobs are remembered for those who wait on them. */
    private static final int ENDED_KEPT = 10_000;

    private final SequencedSet<Long> ended = new LinkedHashSet<>();

    /** Waits until the job has stopped and its state is recorded. */
    public void awaitEnd(long id) throws InterruptedException {
        synchronized (ended) {
            while (!ended.contains(id)) {
                ended.wait();
            }
        }
    }

    void ended(long id) {
        synchronized (ended) {
            ended.add(id);
            if (ended.size() > ENDED_KEPT) {
                ended.removeFirst();
            }
            ended.notifyAll();
        }
    }
}
