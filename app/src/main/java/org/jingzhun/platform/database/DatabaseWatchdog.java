package org.jingzhun.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.jingzhun.platform.DatabaseAvailabilityChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Notices when the database goes away and brings the system back without a restart. With the embedded server it
 * watches the postmaster: when it is gone (a kill -9, a crash) the watchdog starts the server again, which recovers
 * from its WAL. With an external database it probes a connection of its own, and can only wait.
 *
 * <p>While the database is away, requests are answered 503 at once ({@link DatabaseAwayFilter}) and readiness is
 * down, rather than each request holding a thread for the pool's 30 s wait and then failing with 500. The pool's
 * wait itself is kept as it is, so that a burst of load still queues instead of turning into 503s.
 */
@Component
public class DatabaseWatchdog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWatchdog.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final ApplicationEventPublisher events;
    private final long intervalMillis;
    private ScheduledExecutorService schedule;
    private volatile boolean away;
    private volatile long awaySince;
    private volatile double lastOutageSeconds = -1;
    /** A failpoint for tests: while set, the watchdog holds the restart of the embedded server. */
    private volatile CountDownLatch restartGate;
    /** The watchdog's own connection to an external database: a probe that does not queue behind the pool. */
    private Connection probe;

    DatabaseWatchdog(ObjectProvider<EmbeddedPostgres> embedded, DataSource dataSource, ApplicationEventPublisher events,
                     @Value("${jingzhun.database.watchdog-interval:1s}") java.time.Duration interval) throws SQLException {
        this.embedded = embedded.getIfAvailable();
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.events = events;
        this.intervalMillis = interval.toMillis();
    }

    /** Whether the database is away: requests are then refused with 503. */
    public boolean isAway() {
        return away;
    }

    /** How long the last outage lasted, from noticing it to serving again, in seconds; -1 before the first. */
    public double lastOutageSeconds() {
        return lastOutageSeconds;
    }

    /** Holds any restart of the embedded server until the returned latch is counted down (tests only). */
    CountDownLatch holdRestarts() {
        CountDownLatch gate = new CountDownLatch(1);
        restartGate = gate;
        return gate;
    }

    void releaseRestarts() {
        CountDownLatch gate = restartGate;
        restartGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    void check() {
        try {
            if (embedded != null) {
                if (!embedded.isRunning()) {
                    wentAway("the embedded PostgreSQL stopped: its postmaster is gone");
                    CountDownLatch gate = restartGate;
                    if (gate != null) {
                        gate.await();
                    }
                    long started = System.nanoTime();
                    embedded.restartAfterCrash();
                    log.warn("Restarted the embedded PostgreSQL, which recovered from its WAL in {} s",
                            String.format("%.1f", (System.nanoTime() - started) / 1e9));
                }
                if (away && reachable()) {
                    cameBack();
                }
            } else if (reachable()) {
                if (away) {
                    cameBack();
                }
            } else {
                wentAway("the database at " + pool.getJdbcUrl() + " does not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The database is still away; the watchdog tries again in {} ms", intervalMillis, e);
        }
    }

    private void wentAway(String reason) {
        if (away) {
            return;
        }
        awaySince = System.nanoTime();
        away = true;
        log.error("Database away: {}. Requests answer 503 and readiness is down until it is back.", reason);
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        events.publishEvent(new DatabaseAvailabilityChanged(true));
    }

    private void cameBack() {
        // Connections of the pool that were open when the server went are dead: replace them as they come back.
        if (pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        try {
            events.publishEvent(new DatabaseAvailabilityChanged(false));
        } catch (RuntimeException e) {
            log.error("A listener failed while the database came back", e);
        }
        lastOutageSeconds = (System.nanoTime() - awaySince) / 1e9;
        away = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        log.warn("The database is back after {} s; serving again", String.format("%.1f", lastOutageSeconds));
    }

    /** Whether a connection of our own answers; for the embedded server a fresh one, else the kept probe. */
    private boolean reachable() {
        try {
            if (probe != null && probe.isValid(5)) {
                return true;
            }
            closeProbe();
            Properties properties = new Properties();
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "10");
            properties.setProperty("ApplicationName", "jingzhun watchdog");
            probe = DriverManager.getConnection(pool.getJdbcUrl(), properties);
            return probe.isValid(5);
        } catch (SQLException e) {
            closeProbe();
            return false;
        }
    }

    private void closeProbe() {
        if (probe != null) {
            try {
                probe.close();
            } catch (SQLException e) {
                // a dead connection: nothing to close
            }
            probe = null;
        }
    }

    @Override
    public synchronized void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "database-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops watching before the server is stopped on purpose, so that the watchdog does not start it again. */
    @Override
    public synchronized void stop() {
        if (schedule == null) {
            return;
        }
        releaseRestarts();
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        schedule = null;
        closeProbe();
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }
}
