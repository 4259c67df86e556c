package org.jingzhun.benchmarks;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jingzhun.area.Areas;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.interchange.DemonstrationData.Calibration;
import org.jingzhun.interchange.DemonstrationData.Progress;
import org.jingzhun.interchange.DemonstrationData.Report;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.registry.HouseholdEntries;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * Times the application's demonstration data generator filling Yunnan, at each scale asked (0.1 and 1 by
 * default), into a database that holds the whole country's divisions and keeps all its indexes and
 * constraints, as a running system's does: wall time including the commit, rows per second, peak heap, and
 * the database's size afterwards. Between two scales the registry tables are emptied (TRUNCATE).
 *
 * <p>System properties: {@code demonstration.scales} (0.1,1), {@code demonstration.province} (53),
 * {@code demonstration.seed} (2014).
 */
public final class DemonstrationBenchmark {

    static final List<Double> SCALES = List.of(System.getProperty("demonstration.scales", "0.1,1").split(",")).stream()
            .map(String::strip).map(Double::valueOf).toList();
    static final String PROVINCE = System.getProperty("demonstration.province", "53");
    static final long SEED = Long.getLong("demonstration.seed", 2014L);

    private DemonstrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = ThrowawayDatabase.start();
        System.out.printf(Locale.ROOT, "%nDemonstration data benchmark: province %s, scales %s, seed %d; Java %s, %d processors,"
                        + " max heap %d MiB%n", PROVINCE, SCALES, SEED, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        try (AnnotationConfigApplicationContext context = generatorContext(postgres)) {
            long started = System.nanoTime();
            context.getBean(DivisionLoading.class).load(DivisionSource.at(DivisionLoadBenchmark.EDITION));
            System.out.printf(Locale.ROOT, "  divisions loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DemonstrationData generator = context.getBean(DemonstrationData.class);
            System.out.println(jdbc.sql("select 'PostgreSQL ' || current_setting('server_version') || ', shared_buffers '"
                    + " || current_setting('shared_buffers') || ', max_wal_size ' || current_setting('max_wal_size')")
                    .query(String.class).single());
            for (double scale : SCALES) {
                jdbc.sql("truncate household_income, member, household, household_status_event, person, registry_change cascade").update();
                jdbc.sql("checkpoint").update();
                long before = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
                Measurement<Report> run = Measurement.of(() -> asNationalAdministrator(() ->
                        generator.generate(PROVINCE, Calibration.YUNNAN_2014, scale, SEED, new Printer(scale))));
                Report report = run.result();
                double seconds = run.wall().toNanos() / 1e9;
                long after = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
                System.out.println();
                System.out.printf(Locale.ROOT, "scale %s: %,d households (%,d poor), %,d members (%,d in poor households), %,d incomes"
                                + " on %,d rural villages%n", scale, report.households(), report.poorHouseholds(), report.members(),
                        report.poorMembers(), report.incomes(), report.villages());
                System.out.printf(Locale.ROOT, "  %.1f s wall including the commit (planning %.1f s, households %.1f s, incomes %.1f s,"
                                + " members %.1f s); %,.0f rows/s, %,.0f members/s; peak heap %d MiB, %d GCs taking %d ms%n",
                        seconds, secs(report.planningTime()), secs(report.householdTime()), secs(report.incomeTime()),
                        secs(report.memberTime()), report.rows() / seconds, report.members() / seconds, run.peakHeap() >> 20,
                        run.gcCount(), run.gcTime().toMillis());
                System.out.printf(Locale.ROOT, "  database %s larger, %s in all: %s%n", pretty(jdbc, after - before), pretty(jdbc, after),
                        jdbc.sql("""
                                select string_agg(relname || ' ' || pg_size_pretty(pg_relation_size(oid)) || ' + indexes '
                                       || pg_size_pretty(pg_indexes_size(oid)), ', ' order by relname)
                                  from pg_class where relname in ('household', 'household_income', 'member')""")
                                .query(String.class).single());
                System.out.printf(Locale.ROOT, "  poverty: %.1f%% of households and %.1f%% of people poor; %,d villages with at least"
                                + " twice the province's share of poor households; the fifth of the villages with the most poor"
                                + " households hold %.0f%% of them%n", 100.0 * report.poorHouseholds() / report.households(),
                        100.0 * report.poorMembers() / report.members(), report.villagesAtTwiceTheRate(),
                        100 * report.poorShareInTopFifthOfVillages());
                Map<String, Object> income = jdbc.sql("""
                        select round(avg(amount) filter (where h.status = 'REGISTERED'), 0) as poor,
                               round(avg(amount) filter (where h.status = 'NON_POOR'), 0) as other,
                               count(*) filter (where (h.status = 'REGISTERED') <> (amount < 2736)) as disagreeing
                          from household_income i join household h on h.id = i.household_id where i.year = 2013""")
                        .query().singleRow();
                System.out.printf(Locale.ROOT, "  2013 income per head, household mean: poor %s, others %s yuan; households whose"
                        + " status disagrees with the line: %s%n", income.get("poor"), income.get("other"), income.get("disagreeing"));
            }
        }
        System.out.println();
    }

    /** The application's generator with what it needs (areas, poverty lines, audit trail) and the division loader. */
    static AnnotationConfigApplicationContext generatorContext(EmbeddedPostgres postgres) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(DataSource.class, () -> ThrowawayDatabase.dataSource(postgres));
        context.register(GeneratorOnly.class);
        context.refresh();
        return context;
    }

    /** Runs the work as the national administrator, the only caller the generator accepts. */
    static <T> T asNationalAdministrator(java.util.function.Supplier<T> work) {
        return ThrowawayDatabase.as(new Caller(0, "benchmark", EnumSet.of(Role.ADMINISTRATOR), Set.of("")), work);
    }

    /** Prints a line at each tenth of the way. */
    static final class Printer implements java.util.function.Consumer<Progress> {

        private final double scale;
        private final long started = System.nanoTime();
        private int shown = -1;

        Printer(double scale) {
            this.scale = scale;
        }

        @Override
        public void accept(Progress progress) {
            int tenth = (int) (progress.fraction() * 10);
            if (tenth != shown) {
                shown = tenth;
                System.out.printf(Locale.ROOT, "  scale %s: %3d%% after %6.1f s (%s, %,d of %,d households)%n", scale,
                        (int) (progress.fraction() * 100), (System.nanoTime() - started) / 1e9, progress.stage(),
                        progress.households(), progress.plannedHouseholds());
            }
        }
    }

    /**
     * Of the application only the generator and what it uses, and the division loader, found by their
     * interfaces: the implementations are package-private.
     */
    @Configuration(proxyBeanMethods = false)
    @Import(ThrowawayDatabase.ApplicationBeans.class)
    @ComponentScan(basePackageClasses = {DivisionLoading.class, AuditTrail.class, PovertyLines.class, DemonstrationData.class,
            HouseholdEntries.class}, useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                    classes = {DivisionLoading.class, AuditTrail.class, Areas.class, PovertyLines.class, DemonstrationData.class,
                            HouseholdEntries.class, org.jingzhun.registry.HouseholdsWritten.class}))
    static class GeneratorOnly {
    }

    private static double secs(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String pretty(JdbcClient jdbc, long bytes) {
        return jdbc.sql("select pg_size_pretty(:bytes::bigint)").param("bytes", bytes).query(String.class).single();
    }
}
