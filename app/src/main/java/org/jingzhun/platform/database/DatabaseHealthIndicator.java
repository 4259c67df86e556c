package org.jingzhun.platform.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's health as the watchdog sees it, answered at once: the pool's own check would wait up to 30 s for a
 * connection while the database is away. Part of readiness, so that a load balancer stops sending requests.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseWatchdog watchdog;

    DatabaseHealthIndicator(DatabaseWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public Health health() {
        return watchdog.isAway() ? Health.down().withDetail("database", "away").build() : Health.up().build();
    }
}
