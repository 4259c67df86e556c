package org.jingzhun.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.area.EditionReport;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the shipped edition of the division codes (the whole country down to the villages) into an empty
 * database, then loads the same edition again, and reports wall time, peak heap and garbage collection of
 * each load against the target: under 30 s and under 512 MiB of heap.
 *
 * <p>Only the load is timed. The database is a throwaway embedded PostgreSQL migrated with the application's
 * Flyway scripts, and the loader is the application's own bean in a Spring context holding just it, its
 * data source and its transactions: the application's context would load the edition at start by itself.
 */
public final class DivisionLoadBenchmark {

    static final String EDITION = "classpath:divisions/";
    static final Duration TIME_TARGET = Duration.ofSeconds(30);
    static final long HEAP_TARGET = 512L << 20;

    private DivisionLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgres postgres = startMigrated();

        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DataSource.class, () -> dataSource(postgres));
            context.register(LoaderOnly.class);
            context.refresh();
            DivisionLoading loading = context.getBean(DivisionLoading.class);
            DivisionSource edition = DivisionSource.at(EDITION);

            System.out.printf(Locale.ROOT, "%nDivision load benchmark: edition %s, Java %s, %d processors, max heap %s%n",
                    EDITION, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    mib(Runtime.getRuntime().maxMemory()));
            Measurement<EditionReport> first = Measurement.of(() -> loading.load(edition));
            Measurement<EditionReport> reload = Measurement.of(() -> loading.load(edition));

            System.out.println();
            System.out.println(line("first", first));
            System.out.println(line("reload", reload));
            System.out.println(verdict("first", first));
            System.out.println(verdict("reload", reload));
            System.out.println();
        }
    }

    /**
     * Of the application only the loader and the audit trail it writes to, found by their interfaces: the
     * implementations are package-private.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    @ComponentScan(basePackageClasses = {DivisionLoading.class, AuditTrail.class}, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                    classes = {DivisionLoading.class, AuditTrail.class}))
    static class LoaderOnly {

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
    }

    static HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.user());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    private static String line(String name, Measurement<EditionReport> run) {
        EditionReport report = run.result();
        return String.format(Locale.ROOT,
                "division load (%s, %,d areas): %.1f s wall, peak heap %s (%s in use before, limit %s),"
                        + " %d GCs taking %d ms; %,d added, %,d renamed, %,d retired",
                name, report.total(), seconds(run.wall()), mib(run.peakHeap()), mib(run.heapBefore()),
                mib(Runtime.getRuntime().maxMemory()), run.gcCount(), run.gcTime().toMillis(),
                report.added(), report.renamed(), report.retired());
    }

    private static String verdict(String name, Measurement<EditionReport> run) {
        boolean fast = run.wall().compareTo(TIME_TARGET) < 0;
        boolean small = run.peakHeap() < HEAP_TARGET;
        return String.format(Locale.ROOT, "target (%s): under %d s %s, under %s heap %s", name,
                TIME_TARGET.toSeconds(), fast ? "MET" : "MISSED", mib(HEAP_TARGET), small ? "MET" : "MISSED");
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** An embedded PostgreSQL in a fresh directory, migrated, stopped and deleted when the JVM exits. */
    static EmbeddedPostgres startMigrated() throws IOException {
        // A fresh directory readable by others, not createTempDirectory (mode 700): as root, PostgreSQL runs
        // as an unprivileged account that must reach it.
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "jingzhun-bench-" + HexFormat.of().formatHex(random));
        Files.createDirectories(dataDir);
        // On every exit, Ctrl-C included: leave no PostgreSQL running and no files behind.
        AtomicReference<EmbeddedPostgres> server = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(server.get(), dataDir)));
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0, "jingzhun");
        server.set(postgres);
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
                .locations("classpath:db/migration").load().migrate();
        return postgres;
    }

    static void stopAndDelete(EmbeddedPostgres postgres, Path dataDir) {
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
}
