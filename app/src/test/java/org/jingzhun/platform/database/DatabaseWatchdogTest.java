package org.jingzhun.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import org.jingzhun.JingzhunApplication;
import org.jingzhun.TestDataDirectory;
import org.jingzhun.TestEditions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A kill -9 of the embedded postmaster: while the server is away requests answer 503 at once and readiness is
 * down; the watchdog starts the server again (recovery from the WAL), a running import is marked interrupted, and
 * the same application serves again. In an application of its own, on a data directory of its own.
 */
class DatabaseWatchdogTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWatchdogTest.class);

    @Test
    void aKilledEmbeddedServerIsRestartedAndRequestsAnswer503Meanwhile() throws Exception {
        CountDownLatch away = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(1);
        // Readiness goes down when the watchdog marks the database away and up again once it lets requests through.
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> listener = event -> {
            if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                away.countDown();
            } else if (away.getCount() == 0) {
                back.countDown();
            }
        };
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JingzhunApplication.class).listeners(listener)
                .run("--server.port=0", "--jingzhun.data-dir=" + TestDataDirectory.fresh("watchdog"),
                        "--jingzhun.admin-password=" + TestDataDirectory.ADMIN_PASSWORD,
                        "--jingzhun.divisions.location=" + TestEditions.tiny("villages.csv", UnaryOperator.identity()).toUri())) {
            URI base = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newHttpClient();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            EmbeddedPostgres postgres = app.getBean(EmbeddedPostgres.class);
            DatabaseWatchdog watchdog = app.getBean(DatabaseWatchdog.class);
            long running = jdbc.sql("""
                    insert into import_job (user_id, user_login, file_name, file_size, checksum, format, mode, status, started_at)
                    values (0, 'watchdog-test', 'running.csv', 1, '0', 'CSV', 'VALID_ROWS', 'CHECKING', now()) returning id""")
                    .query(Long.class).single();
            assertThat(get(http, base, "/api/v1/areas/53", "application/json").statusCode()).isEqualTo(200);
            assertThat(get(http, base, "/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);

            CountDownLatch restart = watchdog.holdRestarts(); // a failpoint: the server stays away until we have looked
            try {
                ProcessHandle postmaster = ProcessHandle.of(postgres.postmasterPid()).orElseThrow();
                long killed = System.nanoTime();
                postmaster.destroyForcibly(); // SIGKILL
                postmaster.onExit().get();
                away.await();

                HttpResponse<String> refused = get(http, base, "/api/v1/areas/53", "application/json");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.body()).contains("\"status\":503", "The database is away");
                assertThat(get(http, base, "/", "text/html").statusCode()).isEqualTo(503);
                HttpResponse<String> readiness = get(http, base, "/actuator/health/readiness", "application/json");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
                assertThat(get(http, base, "/actuator/health/liveness", "application/json").statusCode()).isEqualTo(200);

                long released = System.nanoTime();
                restart.countDown();
                back.await();
                log.info("From kill -9 of the postmaster to serving again: {} s, of which {} s from the restart's release"
                                + " (the test held it to look at the outage)", String.format("%.1f", (System.nanoTime() - killed) / 1e9),
                        String.format("%.1f", (System.nanoTime() - released) / 1e9));
            } finally {
                watchdog.releaseRestarts();
            }

            assertThat(postgres.isRunning()).isTrue();
            assertThat(get(http, base, "/api/v1/areas/53", "application/json").statusCode()).isEqualTo(200);
            assertThat(get(http, base, "/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("select status from import_job where id = :id").param("id", running).query(String.class).single())
                    .isEqualTo("INTERRUPTED");
        }
    }

    /** With an external database there is nothing to restart: 503 and readiness down until it answers again. */
    @Test
    void anExternalDatabaseThatStopsAnswers503UntilItIsBack() throws Exception {
        CountDownLatch away = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(1);
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> listener = event -> {
            if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                away.countDown();
            } else if (away.getCount() == 0) {
                back.countDown();
            }
        };
        java.nio.file.Path dir = TestDataDirectory.fresh("external-away");
        EmbeddedPostgres server = EmbeddedPostgres.start(dir, 0, "jingzhun");
        int port = server.port();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JingzhunApplication.class).listeners(listener)
                .run("--server.port=0", "--jingzhun.data-dir=" + TestDataDirectory.fresh("app"), "--spring.datasource.url=" + server.jdbcUrl(),
                        "--spring.datasource.username=" + server.applicationUser(),
                        "--spring.datasource.password=" + server.applicationPassword(),
                        "--spring.flyway.user=" + server.ownerUser(), "--spring.flyway.password=" + server.ownerPassword(),
                        "--jingzhun.divisions.location=" + TestEditions.tiny("villages.csv", UnaryOperator.identity()).toUri())) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            URI base = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, base, "/api/v1/areas/53", "application/json").statusCode()).isEqualTo(200);

            server.close(); // the database's administrator stops it
            away.await();
            assertThat(get(http, base, "/api/v1/areas/53", "application/json").statusCode()).isEqualTo(503);
            assertThat(get(http, base, "/actuator/health/readiness", "application/json").statusCode()).isEqualTo(503);

            server = EmbeddedPostgres.start(dir, port, "jingzhun"); // and starts it again
            back.await();
            assertThat(get(http, base, "/api/v1/areas/53", "application/json").statusCode()).isEqualTo(200);
            assertThat(get(http, base, "/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI base, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept)
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
    }
}
