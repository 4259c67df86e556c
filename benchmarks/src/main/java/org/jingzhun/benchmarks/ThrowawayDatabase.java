package org.jingzhun.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * What every benchmark stands on: an embedded PostgreSQL of its own in a fresh directory, migrated with the
 * application's scripts and removed with its files however the JVM ends; the beans the application's services
 * need; and a way to act as a signed-in caller.
 */
final class ThrowawayDatabase {

    private ThrowawayDatabase() {
    }

    /** Starts and migrates a database that is stopped and deleted when the JVM exits, Ctrl-C included. */
    static EmbeddedPostgres start() throws IOException {
        // A fresh directory readable by others, not createTempDirectory (mode 700): as root, PostgreSQL runs
        // as an unprivileged account that must reach it.
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "jingzhun-bench-" + HexFormat.of().formatHex(random));
        Files.createDirectories(dataDir);
        EmbeddedPostgres[] server = new EmbeddedPostgres[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(server[0], dataDir)));
        server[0] = EmbeddedPostgres.start(dataDir, 0, "jingzhun");
        // As the application does: the owner migrates, granting the application's role its privileges.
        Flyway.configure().dataSource(server[0].jdbcUrl(), server[0].ownerUser(), server[0].ownerPassword())
                .placeholders(java.util.Map.of("appRole", server[0].applicationUser()))
                .locations("classpath:db/migration").load().migrate();
        return server[0];
    }

    /**
     * A pool on the cluster's superuser: the benchmarks empty tables (TRUNCATE), VACUUM, CHECKPOINT and switch
     * triggers between runs, which the application's role may not; the services under test run on it too.
     */
    static HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.user());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    private static void stopAndDelete(EmbeddedPostgres postgres, Path dataDir) {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e);
            }
        }
    }

    /** Runs the work as the given caller, as a signed-in request would. */
    static <T> T as(Caller caller, Supplier<T> work) {
        Caller.Principal principal = () -> caller;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The beans the application's services take besides each other: JSON, JDBC and transactions. */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = true) // as Spring Boot does: services are injected by their classes too
    static class ApplicationBeans {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }

        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            return JdbcClient.create(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
            return new TransactionTemplate(transactions);
        }
    }
}
