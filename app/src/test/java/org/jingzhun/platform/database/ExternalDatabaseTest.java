package org.jingzhun.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
                     .run("--server.port=0", "--spring.datasource.url=" + installed.jdbcUrl(),
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
}
