package org.jingzhun.statistics.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the queued villages in the background, {@code jingzhun.statistics.refresh-interval-ms} after
 * the previous round ended (1,000 ms by default): a household edited is in its village's figures within about that
 * plus the recomputation, whoever wrote it and however.
 */
@Component
class RollupRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    private final Rollups rollups;
    private final TransactionTemplate transaction;
    private final Duration interval;
    private ScheduledExecutorService executor;

    RollupRefresher(Rollups rollups, PlatformTransactionManager transactions,
                    @Value("${jingzhun.statistics.refresh-interval-ms:1000}") long intervalMillis) {
        this.rollups = rollups;
        this.transaction = new TransactionTemplate(transactions);
        this.interval = Duration.ofMillis(intervalMillis);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("statistics-refresher").daemon().factory());
        executor.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        long round;
        synchronized (rounds) {
            round = ++rounds.begun;
        }
        try {
            transaction.execute(status -> rollups.drain(false));
        } catch (RuntimeException e) {
            // The villages stay queued (the transaction rolled back): the next round tries again.
            log.warn("Statistics refresh failed; will retry", e);
        } finally {
            synchronized (rounds) {
                rounds.ended = round;
                rounds.notifyAll();
            }
        }
    }

    /** Counts the rounds begun and ended, so that a caller can wait for one (tests wait on it instead of sleeping). */
    private static final class Rounds {
        long begun;
        long ended;
    }

    private final Rounds rounds = new Rounds();

    /** Waits until a round that begins after this call has ended: what was committed before is then in the figures. */
    void awaitNextRound() throws InterruptedException {
        synchronized (rounds) {
            long next = rounds.begun + 1;
            while (rounds.ended < next) {
                rounds.wait();
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
