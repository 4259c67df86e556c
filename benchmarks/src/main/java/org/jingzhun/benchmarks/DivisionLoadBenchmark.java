package org.jingzhun.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;


import org.flywaydb.core.Flyway;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.area.EditionReport;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;


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
        EmbeddedPostgres postgres = ThrowawayDatabase.start();

        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DataSource.class, () -> ThrowawayDatabase.dataSource(postgres));
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
    @Import(ThrowawayDatabase.ApplicationBeans.class)
    @ComponentScan(basePackageClasses = {DivisionLoading.class, AuditTrail.class}, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                    classes = {DivisionLoading.class, AuditTrail.class}))
    static class LoaderOnly {
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
}
