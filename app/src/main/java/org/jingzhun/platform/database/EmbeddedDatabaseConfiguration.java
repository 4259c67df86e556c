package org.jingzhun.platform.database;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, Jingzhun runs its own PostgreSQL in the data directory
 * ({@code jingzhun.data-dir}, or the environment variable {@code JINGZHUN_DATA_DIR}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${jingzhun.data-dir:}") String dataDir,
                                      @Value("${jingzhun.database.port:0}") int port,
                                      @Value("${jingzhun.database.os-user:jingzhun}") String osUser) {
        return EmbeddedPostgres.start(dataDirectory(dataDir), port, osUser);
    }

    /** The pool logs in as the application's role, which owns nothing and holds only what the migrations grant. */
    @Bean
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.jdbcUrl())
                .username(postgres.applicationUser())
                .password(postgres.applicationPassword())
                .build();
    }

    /** The migrations run as the owner of the schema, on a connection of their own. */
    @Bean
    FlywayConfigurationCustomizer migrationsAsOwner(EmbeddedPostgres postgres) {
        return configuration -> configuration.dataSource(postgres.jdbcUrl(), postgres.ownerUser(), postgres.ownerPassword());
    }

    /**
     * The configured directory, else {@code ~/.jingzhun}. A root process uses {@code /var/lib/jingzhun}
     * instead: root's home is closed to the unprivileged account that runs PostgreSQL.
     */
    static Path dataDirectory(String configured) {
        return org.jingzhun.platform.DataDirectory.resolve(configured);
    }

    static class NoDatabaseUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
