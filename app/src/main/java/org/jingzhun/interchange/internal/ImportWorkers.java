package org.jingzhun.interchange.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workers that run the queued imports of this instance. The queue is the table of jobs: a worker claims
 * the next job with {@code for update skip locked}, choosing fairly: no area and no uploader holds more than
 * all workers but one (so one county's files always leave a worker to the others), and among the jobs that may
 * start, the one whose area runs fewest jobs, then whose area was served longest ago, then the oldest.
 * Each worker has its memory budget ({@link WorkerBudget}).
 */
final class ImportWorkers {

    private static final Logger log = LoggerFactory.getLogger(ImportWorkers.class);
    /** How long an idle worker waits before it looks at the queue again unasked (after a lost database, say). */
    private static final long IDLE_LOOK_MILLIS = 10_000;
    private static final String RUNNING = "('READING', 'CHECKING', 'WRITING')";

    private final int count;
    private final long budget;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String instance;
    private final LongConsumer run;
    private final Runnable beforeClaim;
    private final List<Thread> threads = new ArrayList<>();
    /** The job each busy worker runs. */
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();
    private final Object work = new Object();
    private long signals;
    private volatile boolean stopping;

    /**
     * @param run         runs a claimed job to its end
     * @param beforeClaim what a worker does before it looks at the queue (marks left over from a lost database)
     */
    ImportWorkers(int count, long budget, JdbcClient jdbc, TransactionTemplate transaction, String instance,
                  LongConsumer run, Runnable beforeClaim) {
        this.count = Math.max(1, count);
        this.budget = budget;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.instance = instance;
        this.run = run;
        this.beforeClaim = beforeClaim;
    }

    /** How many jobs of one area, or of one uploader, may run at once: all workers but one, at least one. */
    int share() {
        return Math.max(1, count - 1);
    }

    synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::work, "household-import-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("{} import workers, each with a memory budget of {} MB", count, budget >> 20);
    }

    synchronized void stop() {
        stopping = true;
        threads.forEach(Thread::interrupt);
    }

    /** Something changed in the queue: a job came, or one stopped and its area may start another. */
    void signal() {
        synchronized (work) {
            signals++;
            work.notifyAll();
        }
    }

    /** The jobs the workers run now. */
    List<Long> running() {
        return List.copyOf(running.values());
    }

    /** Interrupts the workers running these jobs: they stop at their next step. */
    void interrupt(List<Long> jobs) {
        running.forEach((thread, job) -> {
            if (jobs.contains(job)) {
                thread.interrupt();
            }
        });
    }

    private void work() {
        WorkerBudget.assign(budget);
        while (!stopping) {
            long seen;
            synchronized (work) {
                seen = signals;
            }
            Optional<Long> job = Optional.empty();
            try {
                beforeClaim.run();
                job = claim();
            } catch (RuntimeException e) {
                log.warn("Import worker cannot read the queue: {}", e.getMessage());
            }
            if (job.isPresent()) {
                running.put(Thread.currentThread(), job.get());
                try {
                    run.accept(job.get());
                } catch (RuntimeException | Error e) {
                    log.error("Import {} ended with an error", job.get(), e);
                } finally {
                    running.remove(Thread.currentThread());
                    Thread.interrupted(); // an interruption was for that job, not for this worker
                    signal();
                }
                continue;
            }
            synchronized (work) {
                if (signals == seen && !stopping) {
                    try {
                        work.wait(IDLE_LOOK_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Claims the next job fairly and marks it started, in one short transaction; empty when none may start. */
    private Optional<Long> claim() {
        // One claim at a time in this instance, so that two workers never both take an area's last share.
        synchronized (this) {
            return transaction.execute(status -> {
                Optional<Long> next = jdbc.sql("""
                        select j.id from import_job j
                         where j.status = 'QUEUED' and j.instance_id = :instance
                           and (select count(*) from import_job r where r.instance_id = :instance and r.status in """ + RUNNING + """
                                   and r.area_code = j.area_code) < :share
                           and (select count(*) from import_job r where r.instance_id = :instance and r.status in """ + RUNNING + """
                                   and r.user_login = j.user_login) < :share
                         order by (select count(*) from import_job r where r.instance_id = :instance and r.status in """ + RUNNING + """
                                      and r.area_code = j.area_code),
                                  (select max(s.started_at) from import_job s where s.area_code = j.area_code) nulls first,
                                  j.id
                         limit 1
                         for update of j skip locked""")
                        .param("instance", instance).param("share", share())
                        .query(Long.class).optional();
                next.ifPresent(id -> jdbc.sql("update import_job set status = 'READING', started_at = now() where id = :id")
                        .param("id", id).update());
                return next;
            });
        }
    }
}
