package org.jingzhun.interchange.demonstration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

import javax.sql.DataSource;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.registry.HouseholdEntries;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a {@link ProvincePlan} into the registry of the running system: COPY into the staging of the registry's bulk
 * entry ({@link HouseholdEntries}), which enters households, incomes and members, in the caller's one transaction,
 * with every index and constraint in place (other users go on working meanwhile), so that a failure or a refusal
 * leaves nothing behind.
 */
@Service
class DemonstrationGenerator implements DemonstrationData {

    /**
     * Rural villages: village-level units named as villagers' committees (村民委员会, 村委会, also the "社区村民委员会"
     * and "(农村社区)" of villages renamed communities), and those not named as residents' committees (居民委员会,
     * 居委会), communities (社区) or living quarters of state farms (生活区), which are urban or not villages.
     * Yunnan: 11,682 of 14,888 village-level units (the 2023 codes; 14,000 villages in 2014).
     */
    static final String RURAL = "(name ~ '村民委员会|村委会|农村社区' or name !~ '居民委员会|居委会|社区|生活区')";
    /** One generation at a time in the whole system: each is a long, heavy transaction. */
    private static final long LOCK = 0x4A5A_4445_4D4FL;
    /** Households at scale 1 times the scale are held as one int each: far more than any province has. */
    private static final long MAX_HOUSEHOLDS = 50_000_000;

    private static final Logger log = LoggerFactory.getLogger(DemonstrationGenerator.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Areas areas;
    private final PovertyLines povertyLines;
    private final AuditTrail audit;
    private final HouseholdEntries entries;

    DemonstrationGenerator(DataSource dataSource, JdbcClient jdbc, Areas areas, PovertyLines povertyLines, AuditTrail audit,
                           HouseholdEntries entries) {
        this.entries = entries;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.areas = areas;
        this.povertyLines = povertyLines;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Report generate(String provinceCode, Calibration calibration, double scale, long seed, Consumer<Progress> progress) {
        return generate(provinceCode, calibration, scale, Map.of(), seed, progress);
    }

    @Override
    @Transactional
    public Report generate(String provinceCode, Calibration calibration, double scale, Map<String, Double> countyScales,
                           long seed, Consumer<Progress> progress) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        if (!caller.national()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "demonstration.national-only");
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new DomainException(DomainException.Kind.INVALID, "demonstration.scale.range", scale);
        }
        for (double countyScale : countyScales.values()) {
            if (!(countyScale > 0 && countyScale <= 1)) {
                throw new DomainException(DomainException.Kind.INVALID, "demonstration.scale.range", countyScale);
            }
        }
        check(calibration, scale);
        String code = provinceCode == null ? "" : provinceCode.strip();
        Area province = (code.isEmpty() ? Optional.<Area>empty() : areas.find(code)).filter(area -> !area.retired())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "demonstration.province.unknown", code));
        if (province.level() != AreaLevel.PROVINCE) {
            throw new DomainException(DomainException.Kind.INVALID, "demonstration.province.not-a-province", code, province.name());
        }
        if (!jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", LOCK).query(Boolean.class).single()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "demonstration.running");
        }
        List<String> villages = ruralVillages(code);
        if (villages.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "demonstration.province.no-rural-villages", code, province.name());
        }
        // What was asked is checked before what is there: a wrong county is wrong in any state of the province.
        for (String county : countyScales.keySet()) {
            if (county == null || county.length() != 6 || villages.stream().noneMatch(village -> village.startsWith(county))) {
                throw new DomainException(DomainException.Kind.INVALID, "demonstration.county.unknown", county, province.name());
            }
        }
        if (jdbc.sql("select exists (select 1 from registry_household where village_code like :province)")
                .param("province", code + "%").query(Boolean.class).single()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "demonstration.province.not-empty", code, province.name());
        }
        BigDecimal line = povertyLines.lineFor(code, calibration.incomeYear()).amount();
        long lineCents = line.movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
        Consumer<Progress> told = progress == null ? p -> { } : progress;

        long started = System.nanoTime();
        ProvincePlan plan = ProvincePlan.of(seed, villages, calibration, scale, countyScales, lineCents);
        long planned = plan.households();
        told.accept(new Progress(Stage.PLANNING, 0, planned));
        LongUnaryOperator ids = h -> h + 1; // the households' keys in the registry's staging; it gives the ids
        // Numbers of people of this province registered elsewhere stay theirs.
        Set<String> taken = new HashSet<>(jdbc.sql("select id_number from registry_member where id_number like :province")
                .param("province", code + "%").query(String.class).list());
        ResidentIdIssuer issuer = new ResidentIdIssuer(plan.counties, plan.firstBirth, plan.days, taken);
        Duration planning = since(started);
        log.info("Generating demonstration data for {} {}: {} households over {} rural villages (scale {}, seed {})",
                code, province.name(), planned, villages.size(), scale, seed);

        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            entries.stage();
            long stage = System.nanoTime();
            long households = copy(pg, HouseholdEntries.HOUSEHOLDS, ProvincePlan.HOUSEHOLD_COLUMNS,
                    out -> plan.writeHouseholds(out, ids, stepper(told, Stage.HOUSEHOLDS, planned)));
            Duration householdTime = since(stage);
            stage = System.nanoTime();
            long incomes = copy(pg, HouseholdEntries.INCOMES, ProvincePlan.INCOME_COLUMNS,
                    out -> plan.writeIncomes(out, ids, stepper(told, Stage.INCOMES, planned)));
            Duration incomeTime = since(stage);
            stage = System.nanoTime();
            ProvincePlan.MemberCount[] counted = new ProvincePlan.MemberCount[1];
            long members = copy(pg, HouseholdEntries.MEMBERS, ProvincePlan.MEMBER_COLUMNS,
                    out -> counted[0] = plan.writeMembers(out, ids, issuer, stepper(told, Stage.MEMBERS, planned)));
            // The registry enters what was staged under its rules; the generation is audited once, below.
            HouseholdEntries.Entered entered = entries.enter("generate", null, false, "Demonstration " + code);
            Duration memberTime = since(stage);
            if (households != planned || entered.households() != planned || members != counted[0].members()
                    || entered.members() != members || entered.incomes() != incomes) {
                throw new IllegalStateException("COPY staged " + households + " households and " + members + " members, the"
                        + " registry entered " + entered + ", not " + planned + " and " + counted[0].members());
            }
            Report report = new Report(code, scale, seed, plan.villages(), households, members, incomes, plan.poorHouseholds(),
                    counted[0].poorMembers(), plan.villagesAtTwiceTheRate(), plan.poorShareInTopFifthOfVillages(),
                    planning, householdTime, incomeTime, memberTime);
            audit.record("demonstration-data", code, "generate", null, summary(report, calibration),
                    "demonstration data, seed " + seed + ", scale " + scale
                            + (countyScales.isEmpty() ? "" : ", counties at " + new java.util.TreeMap<>(countyScales)), code);
            told.accept(new Progress(Stage.DONE, planned, planned));
            log.info("Generated demonstration data for {}: {} households ({} poor), {} members ({} in poor households), {} incomes in {} s",
                    code, households, report.poorHouseholds(), members, report.poorMembers(), incomes, report.time().toSeconds());
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the demonstration data", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demonstration data", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The province's active rural villages, in code order (see {@link #RURAL}). */
    List<String> ruralVillages(String provinceCode) {
        return jdbc.sql("select code from area where level = 5 and retired_at is null and code like :province and " + RURAL
                        + " order by code")
                .param("province", provinceCode + "%").query(String.class).list();
    }

    private static void check(Calibration c, double scale) {
        boolean valid = c != null && c.households() > c.poorHouseholds() && c.poorHouseholds() > 0
                && c.residents() - c.poorResidents() >= c.households() - c.poorHouseholds()
                && c.residents() - c.poorResidents() < (c.households() - c.poorHouseholds()) * 10L
                && c.poorResidents() >= c.poorHouseholds() && c.poorResidents() < c.poorHouseholds() * 10L
                && c.meanIncome() != null && c.meanIncome().signum() > 0
                && c.households() * scale <= MAX_HOUSEHOLDS;
        if (!valid) {
            throw new DomainException(DomainException.Kind.INVALID, "demonstration.calibration.invalid");
        }
    }

    interface Rows {
        void write(Writer out) throws IOException;
    }

    /** COPY of the rows into the table; on failure the COPY is cancelled (and the transaction rolled back by the caller). */
    private static long copy(PGConnection pg, String table, String columns, Rows rows) throws SQLException, IOException {
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, "copy " + table + " (" + columns + ") from stdin", 1 << 20);
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 20);
            rows.write(out);
            out.flush();
            return copy.endCopy();
        } catch (IOException | SQLException | RuntimeException | Error e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static LongConsumer stepper(Consumer<Progress> told, Stage stage, long planned) {
        told.accept(new Progress(stage, 0, planned));
        return written -> told.accept(new Progress(stage, written, planned));
    }

    private static Map<String, Object> summary(Report report, Calibration calibration) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("province", report.provinceCode());
        summary.put("seed", report.seed());
        summary.put("scale", report.scale());
        summary.put("calibration", calibration);
        summary.put("villages", report.villages());
        summary.put("households", report.households());
        summary.put("poorHouseholds", report.poorHouseholds());
        summary.put("members", report.members());
        summary.put("poorMembers", report.poorMembers());
        summary.put("incomes", report.incomes());
        summary.put("villagesAtTwiceTheRate", report.villagesAtTwiceTheRate());
        summary.put("seconds", report.time().toMillis() / 1000.0);
        return summary;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
