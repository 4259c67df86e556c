package org.jingzhun.benchmarks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jingzhun.area.Areas;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.interchange.DemonstrationData.Calibration;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.jingzhun.statistics.Statistics;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * The statistics at the size of a province: what the rollup triggers cost the demonstration generator (Yunnan
 * at {@code statistics.overheadScale}, 0.1, with the triggers disabled and enabled, alternately
 * {@code statistics.overheadRuns} times), then Yunnan at
 * {@code statistics.scale} (1: 9.7 million households, 37 million people) generated with the triggers, the
 * rollups built by the refresher (time and disk), the indicator set of random areas at every level and the data
 * of drill-down pages timed in the application's services (server time, JDBC round trips included), and the
 * delay from a committed status change to the village's figures, through the background refresher.
 */
public final class StatisticsBenchmark {

    static final double SCALE = Double.parseDouble(System.getProperty("statistics.scale", "1"));
    static final double OVERHEAD_SCALE = Double.parseDouble(System.getProperty("statistics.overheadScale", "0.1"));
    static final int RUNS = Integer.getInteger("statistics.runs", 100);
    static final int OVERHEAD_RUNS = Integer.getInteger("statistics.overheadRuns", 2);
    static final String PROVINCE = "53";
    static final long SEED = 2014;
    static final String[] TRIGGERS = {"household", "member", "household_income"};

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = ThrowawayDatabase.start();
        System.out.printf(Locale.ROOT, "%nStatistics benchmark: Yunnan at scale %s (trigger overhead at scale %s), %d runs per level;"
                + " Java %s, %d processors%n", SCALE, OVERHEAD_SCALE, RUNS, Runtime.version(), Runtime.getRuntime().availableProcessors());

        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DataSource.class, () -> ThrowawayDatabase.dataSource(postgres));
            context.register(DemonstrationBenchmark.GeneratorOnly.class, StatisticsOnly.class);
            context.refresh();
            context.getBean(DivisionLoading.class).load(DivisionSource.at(DivisionLoadBenchmark.EDITION));
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DemonstrationData generator = context.getBean(DemonstrationData.class);
            Statistics statistics = context.getBean(Statistics.class);

            if (OVERHEAD_SCALE > 0) {
                // Alternated and the fastest of each kept: the machine is shared, a single pair measures the neighbours.
                double without = Double.MAX_VALUE;
                double with = Double.MAX_VALUE;
                for (int run = 0; run < OVERHEAD_RUNS; run++) {
                    without = Math.min(without, generate(jdbc, generator, OVERHEAD_SCALE, false));
                    with = Math.min(with, generate(jdbc, generator, OVERHEAD_SCALE, true));
                    asNationalAnalyst(statistics::refresh); // let the refresher finish before the next generation
                }
                System.out.printf(Locale.ROOT, "Trigger overhead at scale %s: generation %.1f s without the triggers, %.1f s with them"
                        + " (+%.1f s, +%.0f%%; fastest of %d each)%n", OVERHEAD_SCALE, without, with, with - without,
                        100 * (with - without) / without, OVERHEAD_RUNS);
            }
            double seconds = generate(jdbc, generator, SCALE, true);
            // The background refresher takes the queue within a second of the commit; refresh() waits for it to finish.
            long committed = System.nanoTime();
            asNationalAnalyst(statistics::refresh);
            double build = (System.nanoTime() - committed) / 1e9;
            System.out.printf(Locale.ROOT, "Scale %s generated with the triggers in %.1f s: %,d households, %,d members in %,d villages;"
                            + " rollups built by the refresher %.1f s after the generator's commit%n", SCALE, seconds,
                    count(jdbc, "select count(*) from household"), count(jdbc, "select count(*) from member"),
                    count(jdbc, "select count(distinct area_code) from statistics_figure where length(area_code) = 12"), build);
            System.out.printf(Locale.ROOT, "  rows: figure %,d, breakdown %,d, income %,d, status events %,d; rollups and events %s on disk"
                            + " (the registry: %s)%n", count(jdbc, "select count(*) from statistics_figure"),
                    count(jdbc, "select count(*) from statistics_breakdown"), count(jdbc, "select count(*) from statistics_income"),
                    count(jdbc, "select count(*) from household_status_event"),
                    jdbc.sql("select pg_size_pretty(sum(pg_total_relation_size(oid))) from pg_class where relname in"
                            + " ('statistics_figure', 'statistics_breakdown', 'statistics_income', 'household_status_event')")
                            .query(String.class).single(),
                    jdbc.sql("select pg_size_pretty(sum(pg_total_relation_size(oid))) from pg_class where relname in"
                            + " ('household', 'member', 'household_income')").query(String.class).single());
            jdbc.sql("analyze").update();
            System.out.println(asNationalAnalyst(() -> statistics.figures(PROVINCE, 2014)).indicators());

            timeLevels(jdbc, statistics, context.getBean(Areas.class));
            editDelay(jdbc, statistics, context.getBean(Households.class));
        }
        System.out.println();
    }

    /** Generates Yunnan at the scale into an empty registry, with or without the statistics triggers; the seconds. */
    static double generate(JdbcClient jdbc, DemonstrationData generator, double scale, boolean triggers) {
        jdbc.sql("truncate household_income, member, household, household_status_event, person, registry_change cascade").update();
        jdbc.sql("truncate statistics_dirty_village, statistics_figure, statistics_breakdown, statistics_income").update();
        for (String table : TRIGGERS) {
            jdbc.sql("alter table " + table + (triggers ? " enable" : " disable") + " trigger user").update();
        }
        // Since V80 the registry writes the statistics' change log itself (registry_change, no triggers on the registry's
        // tables): both runs write it, and what is left to compare is the noise between them.
        jdbc.sql("checkpoint").update();
        long started = System.nanoTime();
        DemonstrationBenchmark.asNationalAdministrator(() -> generator.generate(PROVINCE, Calibration.YUNNAN_2014, scale, SEED, null));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  generated scale %s %s the triggers in %.1f s%n", scale, triggers ? "with" : "without", seconds);
        return seconds;
    }

    /** The indicator set of random areas of each level, and the data of their dashboard, timed. */
    static void timeLevels(JdbcClient jdbc, Statistics statistics, Areas areas) {
        Random random = new Random(SEED);
        int year = 2014;
        for (int length : new int[] {0, 2, 4, 6, 9, 12}) {
            List<String> codes = length == 0 ? List.of("")
                    : jdbc.sql("select area_code from statistics_figure where length(area_code) = :length and year = 2014")
                            .param("length", length).query(String.class).list();
            double[] indicators = new double[RUNS];
            double[] pages = new double[RUNS];
            for (int warm = 0; warm < 20; warm++) {
                String code = codes.get(random.nextInt(codes.size()));
                asNationalAnalyst(() -> statistics.figures(code, year));
            }
            for (int i = 0; i < RUNS; i++) {
                String code = codes.get(random.nextInt(codes.size()));
                long started = System.nanoTime();
                asNationalAnalyst(() -> statistics.figures(code, year));
                indicators[i] = (System.nanoTime() - started) / 1e6;
                // What a drill-down page reads: the area with its path, its indicators, trend and children, the years.
                started = System.nanoTime();
                asNationalAnalyst(() -> {
                    areas.get(code);
                    statistics.years();
                    statistics.figures(code, year);
                    statistics.trend(code);
                    return statistics.children(code, year);
                });
                pages[i] = (System.nanoTime() - started) / 1e6;
            }
            System.out.printf(Locale.ROOT, "  level of %2d-digit codes (%,d areas): indicator set %s ms; drill-down page data %s ms%n",
                    length, codes.size(), spread(indicators), spread(pages));
        }
    }

    /** Changes the status of random registered households and waits for their village's figures to show it. */
    static void editDelay(JdbcClient jdbc, Statistics statistics, Households households) throws InterruptedException {
        int now = ChinaClock.thisYear();
        List<Long> ids = jdbc.sql("select id from household where status = 'REGISTERED' order by random() limit 10")
                .query(Long.class).list();
        double[] delays = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            String village = jdbc.sql("select village_code from household where id = :id").param("id", id).query(String.class).single();
            long exitedBefore = asNationalAnalyst(() -> statistics.figures(village, now)).indicators().exitedHouseholds();
            asNationalAnalyst(() -> households.changeStatus(id, households.get(id).version(), Household.Status.EXITED,
                    "benchmark: income above the line"));
            long committed = System.nanoTime();
            while (asNationalAnalyst(() -> statistics.figures(village, now)).indicators().exitedHouseholds() == exitedBefore) {
                Thread.sleep(5);
            }
            delays[i] = (System.nanoTime() - committed) / 1e6;
        }
        System.out.printf(Locale.ROOT, "  edit to figure (a status change committed, until the village's figures show it, refresher"
                + " every 1,000 ms): %s ms%n", spread(delays));
    }

    /** As a national user holding every role: an analyst reading, a reviewer changing a status. */
    static <T> T asNationalAnalyst(Supplier<T> work) {
        return ThrowawayDatabase.as(new Caller(0, "benchmark", EnumSet.allOf(Role.class), Set.of("")), work);
    }

    static String spread(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f / p95 %.1f / max %.1f", sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)], sorted[sorted.length - 1]);
    }

    static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Besides the generator and what it uses: the registry's households, and the statistics with their refresher. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = {Households.class, Statistics.class}, useDefaultFilters = false, includeFilters = {
            @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {Households.class, Statistics.class}),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.jingzhun\\.statistics\\.internal\\..*"),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.jingzhun\\.registry\\.internal\\.(MemberMovements|RegistryChangeLog)")})
    // the statistics and the register read the procedure engine (village cases' changes, a household's open procedures)
    @ComponentScan("org.jingzhun.procedure.internal")
    static class StatisticsOnly {
    }
}
