package org.jingzhun.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.UnaryOperator;

import org.jingzhun.JingzhunApplication;
import org.jingzhun.TestDataDirectory;
import org.jingzhun.TestEditions;
import org.jingzhun.area.Areas;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With a database URL configured, Jingzhun uses that PostgreSQL, migrated the same way, and starts none of its own. */
class ExternalDatabaseTest {

    @Test
    void usesTheConfiguredDatabase() throws Exception {
        Path edition = TestEditions.tiny("villages.csv", UnaryOperator.identity());
        try (EmbeddedPostgres installed = EmbeddedPostgres.start(TestDataDirectory.fresh("external"), 0, "jingzhun");
             ConfigurableApplicationContext app = new SpringApplicationBuilder(JingzhunApplication.class)
                     .run("--server.port=0", "--jingzhun.data-dir=" + TestDataDirectory.fresh("app"), "--spring.datasource.url=" + installed.jdbcUrl(),
                             "--spring.datasource.username=" + installed.user(),
                             "--spring.datasource.password=" + installed.password(),
                             "--jingzhun.database.allow-superuser=true", // this test is about the URL, not the role
                             "--jingzhun.divisions.location=" + edition.toUri())) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            assertThat(app.getBean(Areas.class).get("530102001").villages()).isEqualTo(2);
            assertThat(app.getBean(JdbcClient.class).sql("select count(*) from flyway_schema_history where success")
                    .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        }
    }

    /** The README's script for an external database: the pool logs in as a role that owns nothing; the owner migrates. */
    @Test
    void theGrantsScriptGivesThePoolALeastPrivilegeRole() throws Exception {
        Path edition = TestEditions.tiny("villages.csv", UnaryOperator.identity());
        String[] script = Files.readString(Path.of("..", "docs", "database-roles.sql"))
                .replace("change-me-owner", "owner-secret").replace("change-me-application", "application-secret")
                .split("\\\\connect jingzhun\n");
        try (EmbeddedPostgres server = EmbeddedPostgres.start(TestDataDirectory.fresh("external-roles"), 0, "jingzhun")) {
            String postgres = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
            // A bare cluster, as an installed PostgreSQL would be: without what the embedded start makes.
            runAsSuperuser(postgres, server, "drop database jingzhun; drop role jingzhun_app; drop role jingzhun_owner");
            runAsSuperuser(postgres, server, script[0]);
            runAsSuperuser(server.jdbcUrl(), server, script[1]);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JingzhunApplication.class)
                    .run("--server.port=0", "--jingzhun.data-dir=" + TestDataDirectory.fresh("app"), "--spring.datasource.url=" + server.jdbcUrl(),
                            "--spring.datasource.username=jingzhun_app", "--spring.datasource.password=application-secret",
                            "--spring.flyway.user=jingzhun_owner", "--spring.flyway.password=owner-secret",
                            "--jingzhun.divisions.location=" + edition.toUri())) {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("jingzhun_app");
                assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'audit_event'").query(String.class).single())
                        .isEqualTo("jingzhun_owner");
                assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                        .hasStackTraceContaining("permission denied for table audit_event");
                assertThat(app.getBean(Areas.class).get("530102001").villages()).isEqualTo(2);
            }
        }
    }

    private static void runAsSuperuser(String url, EmbeddedPostgres server, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            for (String command : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!command.isBlank()) {
                    statement.execute(command); // one at a time: CREATE DATABASE refuses to share a transaction
                }
            }
        }
    }
}
