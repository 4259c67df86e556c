package org.jingzhun;

import java.util.Arrays;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jingzhun.platform.database.EmbeddedPostgres;

/**
 * The application's migrations on a database of a test's own, a part at a time: up to the last one before a
 * migration under test, so that the test can store rows as they were, then the rest. The database's user is the
 * application's role too, so that the grants of the role split have nothing to do.
 */
public final class TestMigrations {

    private TestMigrations() {
    }

    /** Migrates up to the last migration before {@code version}, whichever that is. */
    public static void upToBefore(EmbeddedPostgres postgres, String version) {
        String before = Arrays.stream(flyway(postgres).load().info().all())
                .map(migration -> migration.getVersion())
                .filter(v -> v.compareTo(MigrationVersion.fromVersion(version)) < 0)
                .max(Comparable::compareTo).orElseThrow().getVersion();
        flyway(postgres).target(before).load().migrate();
    }

    /** Migrates the rest. */
    public static void all(EmbeddedPostgres postgres) {
        flyway(postgres).load().migrate();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(EmbeddedPostgres postgres) {
        return Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
                .placeholders(Map.of("appRole", postgres.user()));
    }
}
