package org.jingzhun.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jingzhun.area.Areas;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.registry.Households;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * The identification of a whole county in bulk: Yunnan's demonstration data (scale 1 by default: 9.7 million
 * households), whose largest county's poor households are set back to candidates as before its record creation,
 * then taken through every step of the procedure as one list each, by the application's services with their
 * checks, audit and registry updates, each step timed. The clock is moved past each publicity.
 *
 * <p>System properties: {@code identification.scale} (1), {@code identification.seed} (2014).
 */
public final class IdentificationBenchmark {

    static final double SCALE = Double.parseDouble(System.getProperty("identification.scale", "1"));
    static final long SEED = Long.getLong("identification.seed", 2014L);
    /** The demonstration data's incomes are of 2013, identified against 2013's line of 2,736 yuan. */
    static final int YEAR = 2013;

    private IdentificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = ThrowawayDatabase.start();
        System.out.printf(Locale.ROOT, "%nIdentification benchmark: Yunnan at scale %s; Java %s, %d processors, max heap %d MiB%n",
                SCALE, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(DataSource.class, () -> ThrowawayDatabase.dataSource(postgres));
            context.register(IdentificationOnly.class);
            context.refresh();
            context.getBean(DivisionLoading.class).load(DivisionSource.at(DivisionLoadBenchmark.EDITION));
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long started = System.nanoTime();
            DemonstrationData.Report generated = DemonstrationBenchmark.asNationalAdministrator(() -> context.getBean(DemonstrationData.class)
                    .generate("53", DemonstrationData.Calibration.YUNNAN_2014, SCALE, SEED, progress -> { }));
            System.out.printf(Locale.ROOT, "  generated %,d households (%,d poor), %,d members in %.0f s%n", generated.households(),
                    generated.poorHouseholds(), generated.members(), (System.nanoTime() - started) / 1e9);
            jdbc.sql("vacuum analyze").update();

            Map<String, Object> largest = jdbc.sql("""
                    select left(village_code, 6) as county, count(*) as households,
                           count(*) filter (where status = 'REGISTERED') as poor
                      from household group by 1 order by 2 desc limit 1""").query().singleRow();
            String county = (String) largest.get("county");
            // Before its record creation: the poor of the county are candidates again, registered nowhere.
            int candidates = jdbc.sql("update household set status = 'CANDIDATE', registered_year = null"
                    + " where village_code like :county and status = 'REGISTERED'").param("county", county + "%").update();
            int members = jdbc.sql("select count(*) from member m join household h on h.id = m.household_id"
                    + " where h.village_code like :county and h.status = 'CANDIDATE'").param("county", county + "%")
                    .query(Integer.class).single();
            List<Long> householdIds = jdbc.sql("select id from household where village_code like :county and status = 'CANDIDATE'"
                    + " order by id").param("county", county + "%").query(Long.class).list();
            List<String> townships = jdbc.sql("select code from area where parent_code = :county and retired_at is null")
                    .param("county", county).query(String.class).list();
            System.out.printf(Locale.ROOT, "  the largest county, %s: %,d households, of which %,d poor candidates with %,d members,"
                    + " in %d townships%n", county, ((Number) largest.get("households")).longValue(), candidates, members, townships.size());
            jdbc.sql("vacuum analyze household").update();

            Caller reviewer = new Caller(1, "county-reviewer", EnumSet.of(Role.REVIEWER), Set.of(county));
            Caller clerks = new Caller(2, "township-clerks", EnumSet.of(Role.DATA_ENTRY), Set.copyOf(townships));
            HouseholdIdentification identification = context.getBean(HouseholdIdentification.class);
            ShiftedClock clock = context.getBean(ShiftedClock.class);
            List<String> lines = new ArrayList<>();
            long total = System.nanoTime();
            Round round = timed(lines, "open the round", () -> ThrowawayDatabase.as(reviewer, () -> identification.openRound(
                    new Round.Form(county, YEAR, 7, null, null))));
            timed(lines, "apply (" + householdIds.size() + " households)", () -> ThrowawayDatabase.as(clerks, () ->
                    identification.apply(round.id(), householdIds, Application.Proposer.HOUSEHOLD, "record creation")));
            List<Long> ids = jdbc.sql("select id from household_application where round_id = :round order by id")
                    .param("round", round.id()).query(Long.class).list();
            LocalDate today = LocalDate.now(clock);
            step(lines, clerks, identification, new StepRequest(Step.APPRAISE, ids, true, null, null, null,
                    new StepRequest.Appraisal(today, 30, null, null), null));
            step(lines, clerks, identification, new StepRequest(Step.VERIFY, ids, true, null, null, null, null, null));
            step(lines, clerks, identification, new StepRequest(Step.FIRST_PUBLICITY, ids, null, null, null, null, null, null));
            clock.advanceDays(7);
            step(lines, reviewer, identification, new StepRequest(Step.TOWNSHIP_REVIEW, ids, true, null, null, null, null, null));
            step(lines, clerks, identification, new StepRequest(Step.SECOND_PUBLICITY, ids, null, null, null, null, null, null));
            clock.advanceDays(7);
            step(lines, reviewer, identification, new StepRequest(Step.COUNTY_APPROVAL, ids, true, null, null, null, null, null));
            step(lines, reviewer, identification, new StepRequest(Step.ANNOUNCE, ids, null, null, null, null, null, null));
            double all = (System.nanoTime() - total) / 1e9;
            Publicity.Notices notices = timed(lines, "the county's public page (first " + 200 + " announced)",
                    () -> context.getBean(Publicity.class).notices(county, 0));
            int registered = jdbc.sql("select count(*) from household where village_code like :county and status = 'REGISTERED'"
                    + " and registered_year = :year").param("county", county + "%").param("year", YEAR).query(Integer.class).single();
            if (registered != householdIds.size() || notices.announced().size() != Math.min(200, householdIds.size())) {
                throw new IllegalStateException("The procedure did not register every household: " + registered);
            }
            lines.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "  the whole procedure for %,d households (%,d people): %.1f s; all registered in %d%n%n",
                    householdIds.size(), members, all, YEAR);
        }
    }

    private static void step(List<String> lines, Caller caller, HouseholdIdentification identification, StepRequest request) {
        StepResult result = timed(lines, request.step().name().toLowerCase(Locale.ROOT), () -> ThrowawayDatabase.as(caller, () -> identification.step(request)));
        if (result.moved() != request.ids().size()) {
            throw new IllegalStateException("Not every application moved: " + result);
        }
    }

    private static <T> T timed(List<String> lines, String what, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        lines.add(String.format(Locale.ROOT, "  %-40s %8.2f s", what, (System.nanoTime() - started) / 1e9));
        return result;
    }

    /** China's clock, moved forward by whole days to see a publicity end without waiting for it. */
    static final class ShiftedClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void advanceDays(long days) {
            offset = offset.plusDays(days);
        }

        @Override
        public ZoneId getZone() {
            return ChinaClock.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /**
     * The identification feature with what it uses (the procedure engine, areas, lines, registry, audit), the generator
     * and the division loader.
     */
    @Configuration(proxyBeanMethods = false)
    @Import(ThrowawayDatabase.ApplicationBeans.class)
    @ComponentScan(basePackageClasses = {DivisionLoading.class, AuditTrail.class, PovertyLines.class, DemonstrationData.class,
            Households.class}, useDefaultFilters = false, includeFilters = {@ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
            classes = {DivisionLoading.class, AuditTrail.class, Areas.class, PovertyLines.class, DemonstrationData.class,
                    Households.class, org.jingzhun.registry.HouseholdEntries.class}),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.jingzhun\\.registry\\.internal\\.(MemberMovements|RegistryChangeLog)")})
    @ComponentScan("org.jingzhun.identification.internal")
    @ComponentScan("org.jingzhun.procedure.internal")
    static class IdentificationOnly {

        @Bean
        ShiftedClock clock() {
            return new ShiftedClock();
        }

        /** The application's texts, as spring.messages sets them: the village figures' file reads its columns' labels. */
        @Bean
        org.springframework.context.MessageSource messageSource() {
            var messages = new org.springframework.context.support.ResourceBundleMessageSource();
            messages.setBasename("messages");
            messages.setDefaultEncoding("UTF-8");
            messages.setFallbackToSystemLocale(false);
            return messages;
        }
    }
}
