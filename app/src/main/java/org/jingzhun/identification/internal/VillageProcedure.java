package org.jingzhun.identification.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.Assessment;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.ProvinceAverages;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.identification.VillageAssessment;
import org.jingzhun.identification.VillageCase;
import org.jingzhun.identification.VillageFigures;
import org.jingzhun.identification.VillageIdentification;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.table.StagedImports;
import org.jingzhun.platform.table.TableImport;
import org.jingzhun.platform.table.TableProblem;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.jingzhun.procedure.Problems;
import org.jingzhun.procedure.Procedures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Village figures, provincial averages, the assessment of a province's villages and the village procedure.
 * The tests compare fractions by cross-multiplying, so that a village exactly at twice the average rate is
 * "high" and one exactly at 60% of the average income is not "low", whatever the decimals.
 */
@Service
class VillageProcedure implements VillageIdentification {

    static final int MAX_PAGE_SIZE = 500;
    /** Registered poor people: households registered, or registered again after returning to poverty. */
    static final String POOR_STATUSES = "('REGISTERED', 'RETURNED')";

    private final JdbcClient jdbc;
    private final Areas areas;
    private final AuditTrail audit;
    private final Procedures procedures;
    private final java.time.Clock clock;
    private final VillageCaseRows caseRows;
    private final StagedImports imports;

    VillageProcedure(JdbcClient jdbc, Areas areas, AuditTrail audit, Procedures procedures, java.time.Clock clock,
                     VillageCaseRows caseRows, StagedImports imports) {
        this.procedures = procedures;
        this.clock = clock;
        this.imports = imports;
        this.caseRows = caseRows;
        this.jdbc = jdbc;
        this.areas = areas;
        this.audit = audit;
    }

    // ---------------------------------------------------------------- figures and averages

    @Override
    @Transactional
    public VillageFigures saveFigures(VillageFigures figures) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.ADMINISTRATOR);
        if (figures.villageCode() == null || !caller.reaches(figures.villageCode().strip())) {
            // One village named (in the path): outside the caller's areas it is absent.
            throw new DomainException(DomainException.Kind.NOT_FOUND, "household.village.unknown", figures.villageCode());
        }
        List<FieldProblem> problems = new ArrayList<>();
        String village = checkFigures(figures.villageCode(), figures.year(), figures, "", problems);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        VillageFigures before = figures(village, figures.year());
        write(List.of(new VillageFigures(village, figures.year(), figures.ruralResidents(), figures.perCapitaIncome(),
                figures.collectiveIncome())), figures.year());
        VillageFigures after = figures(village, figures.year());
        audit.record("village-figures", village + "/" + figures.year(), "save", before, after, null, village);
        return after;
    }

    /** Checks one village's figures, adding problems to fields named with the prefix; gives the village code. */
    private String checkFigures(String villageCode, Integer year, VillageFigures figures, String prefix,
                                List<FieldProblem> problems) {
        String village = villageCode == null ? "" : villageCode.strip();
        Optional<Area> area = areas.find(village).filter(a -> a.level() == AreaLevel.VILLAGE && !a.retired());
        if (area.isEmpty() || !Caller.required().reaches(village)) {
            problems.add(new FieldProblem(prefix + "villageCode", "unknown", "household.village.unknown", village));
        }
        int thisYear = java.time.LocalDate.now(clock).getYear();
        if (year == null || year < 2000 || year > thisYear) {
            problems.add(new FieldProblem(prefix + "year", "range", "identification.round.year", 2000, thisYear));
        }
        if (figures.ruralResidents() != null && figures.ruralResidents() < 0) {
            problems.add(new FieldProblem(prefix + "ruralResidents", "range", "identification.figures.negative"));
        }
        for (var amount : List.of(Map.entry("perCapitaIncome", nullToZero(figures.perCapitaIncome())),
                Map.entry("collectiveIncome", nullToZero(figures.collectiveIncome())))) {
            if (amount.getValue().signum() < 0 || amount.getValue().scale() > 2
                    || amount.getValue().compareTo(new BigDecimal("1000000000")) >= 0) {
                problems.add(new FieldProblem(prefix + amount.getKey(), "range", "identification.figures.amount"));
            }
        }
        return village;
    }

    private void write(List<VillageFigures> rows, int year) {
        jdbc.sql("""
                insert into village_figures (county_code, village_code, year, rural_residents, per_capita_income, collective_income,
                                             updated_by)
                select left(v.code, 6), v.code, :year, v.residents, v.income, v.collective, :by
                  from unnest(:codes::text[], :residents::integer[], :incomes::numeric[], :collectives::numeric[])
                       as v (code, residents, income, collective)
                on conflict (county_code, village_code, year) do update
                   set rural_residents = excluded.rural_residents, per_capita_income = excluded.per_capita_income,
                       collective_income = excluded.collective_income, updated_by = excluded.updated_by, updated_at = now()""")
                .param("year", year).param("by", Caller.required().login())
                .param("codes", rows.stream().map(VillageFigures::villageCode).toArray(String[]::new))
                .param("residents", rows.stream().map(VillageFigures::ruralResidents).toArray(Integer[]::new))
                .param("incomes", rows.stream().map(VillageFigures::perCapitaIncome).toArray(BigDecimal[]::new))
                .param("collectives", rows.stream().map(VillageFigures::collectiveIncome).toArray(BigDecimal[]::new))
                .update();
    }

    @Override
    @Transactional
    public int importFigures(int year, InputStream content) {
        return importFigures(year, content, null);
    }

    @Override
    public void writeFiguresTemplate(java.util.Locale locale, java.io.OutputStream out) throws java.io.IOException {
        // No caller asked: the body is written after the request's thread let go, and a template holds no data.
        VillageFiguresFile.writeTemplate(locale, out);
    }

    @Override
    @Transactional
    public int importFigures(int year, InputStream content, String charset) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.ADMINISTRATOR);
        int thisYear = java.time.LocalDate.now(clock).getYear();
        if (year < 2000 || year > thisYear) { // once, not on every row
            throw DomainException.invalid(List.of(new FieldProblem("year", "range", "identification.round.year",
                    "2000", Integer.toString(thisYear))));
        }
        TableImport imported = imports.run(VillageFiguresFile.KIND.writing(accepted -> {
            int written = jdbc.sql("""
                    insert into village_figures (county_code, village_code, year, rural_residents, per_capita_income,
                                                 collective_income, updated_by)
                    select left(village_code, 6), village_code, :year, rural_residents::integer, per_capita_income,
                           collective_income, :by
                      from\s""" + accepted + """

                    on conflict (county_code, village_code, year) do update
                       set rural_residents = excluded.rural_residents, per_capita_income = excluded.per_capita_income,
                           collective_income = excluded.collective_income, updated_by = excluded.updated_by,
                           updated_at = now()""")
                    .param("year", year).param("by", caller.login()).update();
            audit.stage();
            jdbc.sql("insert into " + AuditTrail.STAGED + """
                     (entity_id, area_code, before, after)
                    select village_code || '/' || year, village_code, null,
                           jsonb_build_object('ruralResidents', rural_residents, 'perCapitaIncome', per_capita_income,
                                              'collectiveIncome', collective_income)
                      from village_figures where year = :year and village_code in (select village_code from\s""" + accepted + ")")
                    .param("year", year).update();
            audit.recordStaged("village-figures", "import", null);
            return written;
        }), "village-figures", content, charset, StagedImports.Mode.ALL_OR_NOTHING);
        Map<String, String> letters = imports.columnLetters(imported.id());
        List<String> missing = VillageFiguresFile.COLUMNS.stream().filter(c -> !letters.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            // Without its columns the file's figures would be taken as blank: refused whole, naming them.
            throw DomainException.invalid(List.of(new FieldProblem("file", "columns", "identification.figures.columns-missing",
                    String.join(", ", missing))));
        }
        if (!imported.clean()) {
            // All or nothing: nothing is saved, and every problem is named, in the order of the file's rows and columns.
            List<FieldProblem> problems = new ArrayList<>();
            for (TableImport.RefusedRow row : imported.refusedRows()) {
                for (TableProblem problem : row.problems()) {
                    String column = problem.column() == null ? "villageCode" : problem.column();
                    problems.add(VillageFiguresFile.at(row.rowNumber(), letters.getOrDefault(column, ""), column,
                            problem.code(), problem.key(), problem.args().toArray()));
                }
            }
            problems.sort(VillageFiguresFile.IN_FILE_ORDER);
            if (imported.refused() > imported.refusedRows().size()) {
                problems.add(new FieldProblem("file", "more", "identification.figures.more-problems", problems.size()));
            }
            throw new DomainException(DomainException.Kind.INVALID, problems, "identification.figures.refused", problems.size());
        }
        return imported.written();
    }

    private static BigDecimal nullToZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    @Override
    public VillageFigures figures(String villageCode, int year) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        if (villageCode == null || !caller.reaches(villageCode)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "area.not-found", String.valueOf(villageCode));
        }
        return jdbc.sql("select rural_residents, per_capita_income, collective_income from village_figures"
                        + " where village_code = :village and year = :year")
                .param("village", villageCode).param("year", year)
                .query((rs, i) -> new VillageFigures(villageCode, year, (Integer) rs.getObject(1), rs.getBigDecimal(2),
                        rs.getBigDecimal(3)))
                .optional().orElse(new VillageFigures(villageCode, year, null, null, null));
    }

    @Override
    @Transactional
    public ProvinceAverages setAverages(ProvinceAverages averages) {
        String province = provinceOfCaller(averages.provinceCode());
        List<FieldProblem> problems = new ArrayList<>();
        if (averages.year() == null || averages.year() < 2000 || averages.year() > java.time.LocalDate.now(clock).getYear()) {
            problems.add(new FieldProblem("year", "range", "identification.round.year", 2000, java.time.LocalDate.now(clock).getYear()));
        }
        if (averages.method() == null) {
            problems.add(new FieldProblem("method", "required", "identification.averages.method"));
        } else if (averages.method() == ProvinceAverages.Method.ENTERED) {
            if (averages.povertyRate() == null || averages.povertyRate().signum() <= 0 || averages.povertyRate().compareTo(BigDecimal.ONE) > 0
                    || averages.povertyRate().scale() > 6) {
                problems.add(new FieldProblem("povertyRate", "range", "identification.averages.rate"));
            }
            if (averages.perCapitaIncome() == null || averages.perCapitaIncome().signum() <= 0 || averages.perCapitaIncome().scale() > 2) {
                problems.add(new FieldProblem("perCapitaIncome", "range", "identification.averages.income"));
            }
        }
        String area = averagesArea(province, averages, problems);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        boolean entered = averages.method() == ProvinceAverages.Method.ENTERED;
        jdbc.sql("""
                insert into province_averages (province_code, year, method, poverty_rate, per_capita_income, area_code, updated_by)
                values (:province, :year, :method, :rate, :income, :area, :by)
                on conflict (province_code, year) do update
                   set method = excluded.method, poverty_rate = excluded.poverty_rate,
                       per_capita_income = excluded.per_capita_income, area_code = excluded.area_code,
                       updated_by = excluded.updated_by, updated_at = now()""")
                .param("province", province).param("year", averages.year()).param("method", averages.method().name())
                .param("rate", entered ? averages.povertyRate() : null, java.sql.Types.NUMERIC)
                .param("income", entered ? averages.perCapitaIncome() : null, java.sql.Types.NUMERIC)
                .param("area", area, java.sql.Types.VARCHAR)
                .param("by", Caller.required().login()).update();
        ProvinceAverages saved = averages(province, averages.year());
        audit.record("province-averages", province + "/" + averages.year(), "save", null, saved, null, province);
        return saved;
    }

    /**
     * The area computed averages are to come from: none for the whole province (or entered averages), else a
     * prefecture or county of the province; a problem naming the field otherwise.
     */
    private String averagesArea(String province, ProvinceAverages averages, List<FieldProblem> problems) {
        String area = averages.area() == null ? "" : averages.area().strip();
        if (area.isEmpty() || area.equals(province)) {
            return null;
        }
        if (averages.method() == ProvinceAverages.Method.ENTERED) {
            problems.add(new FieldProblem("area", "entered", "identification.averages.area-entered"));
            return null;
        }
        boolean prefectureOrCounty = area.startsWith(province) && areas.find(area).filter(a -> !a.retired())
                .filter(a -> a.level() == AreaLevel.PREFECTURE || a.level() == AreaLevel.COUNTY).isPresent();
        if (!prefectureOrCounty) {
            problems.add(new FieldProblem("area", "unknown", "identification.averages.area", area));
            return null;
        }
        return area;
    }

    /** The averages a province chose for a year; computed from the registry unless it entered its own. */
    private ProvinceAverages averages(String province, int year) {
        return jdbc.sql("select method, poverty_rate, per_capita_income, area_code from province_averages"
                        + " where province_code = :province and year = :year")
                .param("province", province).param("year", year)
                .query((rs, i) -> new ProvinceAverages(province, year, ProvinceAverages.Method.valueOf(rs.getString(1)),
                        rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4)))
                .optional().orElse(new ProvinceAverages(province, year, ProvinceAverages.Method.COMPUTED, null, null));
    }

    /** The province, for a reviewer or administrator bound to it or above: the assessment and averages are the province's. */
    private String provinceOfCaller(String provinceCode) {
        Caller caller = Caller.required();
        caller.requireAny(Role.REVIEWER, Role.ADMINISTRATOR);
        String province = provinceCode == null ? "" : provinceCode.strip();
        boolean isProvince = areas.find(province).filter(a -> a.level() == AreaLevel.PROVINCE).isPresent();
        if (isProvince && caller.areas().stream().noneMatch(a -> a.startsWith(province) || province.startsWith(a))) {
            // Another province is absent for the caller, as its things are.
            throw new DomainException(DomainException.Kind.NOT_FOUND, "identification.province.unknown", province);
        }
        if (!isProvince || caller.areas().stream().noneMatch(a -> a.length() <= AreaLevel.PROVINCE.codeLength() && province.startsWith(a))) {
            throw DomainException.invalid(List.of(new FieldProblem("provinceCode", "unknown", "identification.province.unknown",
                    province)));
        }
        return province;
    }

    // ---------------------------------------------------------------- assessment

    @Override
    @Transactional
    public Assessment assess(String provinceCode, int year) {
        String province = provinceOfCaller(provinceCode);
        ProvinceAverages chosen = averages(province, year);
        jdbc.sql("set local work_mem = '256MB'").update();
        // A second assessment in the same transaction (a caller's) finds the first one's table.
        jdbc.sql("drop table if exists pg_temp.village_figure").update();
        // Per village: residents and poor people from the registry, and its members' mean income of the year;
        // then the figures entered, which win over the registry's.
        jdbc.sql("""
                create temp table village_figure on commit drop as
                with people as (
                         select household_id, count(*) as people from registry_member where village_code like :province group by household_id),
                     households as (
                         select h.village_code, h.status, p.people, i.amount
                           from registry_household h join people p on p.household_id = h.id
                           left join registry_income i on i.household_id = h.id and i.year = :year
                          where h.village_code like :province and h.status <> 'CANCELLED'),
                     registry as (
                         select village_code, sum(people) as residents,
                                coalesce(sum(people) filter (where status in """ + POOR_STATUSES + """
                                ), 0) as poor,
                                sum(amount * people) filter (where amount is not null) as income_sum,
                                sum(people) filter (where amount is not null) as income_people
                           from households group by village_code)
                select a.code as village_code,
                       coalesce(f.rural_residents, r.residents) as residents,
                       case when f.rural_residents is not null then 'ENTERED' when r.residents is not null then 'REGISTRY'
                            else 'NONE' end as residents_source,
                       coalesce(r.poor, 0) as poor,
                       coalesce(f.per_capita_income, round(r.income_sum / nullif(r.income_people, 0), 2)) as income,
                       case when f.per_capita_income is not null then 'ENTERED' when r.income_people > 0 then 'REGISTRY'
                            else 'NONE' end as income_source,
                       f.collective_income as collective
                  from area a
                  left join registry r on r.village_code = a.code
                  left join village_figures f on f.village_code = a.code and f.year = :year
                 where a.code like :province and a.level = 5 and a.retired_at is null""")
                .param("province", province + "%").param("year", year).update();
        // The averages as fractions: rate = rateNum / rateDen, income = incomeNum / incomeDen; computed ones over the
        // villages of the chosen area (the province's by default) that have rural residents, which are counted.
        boolean entered = chosen.method() == ProvinceAverages.Method.ENTERED;
        String averagesArea = entered ? null : chosen.area() == null ? province : chosen.area();
        BigDecimal[] average = entered
                ? new BigDecimal[] {chosen.povertyRate(), BigDecimal.ONE, chosen.perCapitaIncome(), BigDecimal.ONE, null}
                : jdbc.sql("""
                        select coalesce(sum(poor) filter (where residents > 0), 0),
                               coalesce(sum(residents) filter (where residents > 0), 0),
                               coalesce(sum(income * residents) filter (where residents > 0 and income is not null), 0),
                               coalesce(sum(residents) filter (where residents > 0 and income is not null), 0),
                               count(*) filter (where residents > 0)
                          from village_figure where village_code like :area""")
                .param("area", averagesArea + "%")
                .query((rs, i) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5)})
                .single();
        boolean rateKnown = average[1].signum() > 0;
        boolean incomeKnown = average[3].signum() > 0;
        jdbc.sql("delete from village_assessment where year = :year and village_code like :province")
                .param("year", year).param("province", province + "%").update();
        java.time.OffsetDateTime now = org.jingzhun.platform.ChinaClock.now();
        int villages = jdbc.sql("""
                insert into village_assessment (county_code, village_code, year, rural_residents, residents_source, poor_people, poverty_rate,
                                                per_capita_income, income_source, collective_income, test_high, test_low,
                                                test_none, candidate, assessed_at)
                select left(village_code, 6), village_code, :year, residents, residents_source, poor,
                       case when residents > 0 then round(poor::numeric / residents, 6) end,
                       income, income_source, collective, is_high, is_low, is_none,
                       coalesce(is_high and is_low and is_none, false), :now
                  from (select v.*,
                               case when v.residents > 0 and :rateKnown then v.poor * :rateDen >= 2 * :rateNum * v.residents end as is_high,
                               case when v.income is not null and :incomeKnown then v.income * :incomeDen * 10 < 6 * :incomeNum end as is_low,
                               case when v.collective is not null then v.collective = 0 end as is_none
                          from village_figure v) tested""")
                .param("year", year).param("now", now).param("rateKnown", rateKnown).param("incomeKnown", incomeKnown)
                .param("rateNum", average[0]).param("rateDen", average[1])
                .param("incomeNum", average[2]).param("incomeDen", average[3]).update();
        BigDecimal rate = rateKnown ? average[0].divide(average[1], 6, java.math.RoundingMode.HALF_UP) : null;
        BigDecimal income = incomeKnown ? average[2].divide(average[3], 2, java.math.RoundingMode.HALF_UP) : null;
        int candidates = jdbc.sql("select count(*) from village_assessment where year = :year and village_code like :province and candidate")
                .param("year", year).param("province", province + "%").query(Integer.class).single();
        jdbc.sql("""
                insert into village_assessment_run (province_code, year, method, poverty_rate, per_capita_income, villages,
                                                    candidates, assessed_by, assessed_at, averages_area, averages_villages)
                values (:province, :year, :method, :rate, :income, :villages, :candidates, :by, :now, :averagesArea,
                        :averagesVillages)
                on conflict (province_code, year) do update
                   set method = excluded.method, poverty_rate = excluded.poverty_rate,
                       per_capita_income = excluded.per_capita_income, villages = excluded.villages,
                       candidates = excluded.candidates, assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at,
                       averages_area = excluded.averages_area, averages_villages = excluded.averages_villages""")
                .param("province", province).param("year", year).param("method", chosen.method().name())
                .param("rate", rate, java.sql.Types.NUMERIC).param("income", income, java.sql.Types.NUMERIC)
                .param("villages", villages).param("candidates", candidates).param("by", Caller.required().login())
                .param("now", now).param("averagesArea", averagesArea, java.sql.Types.VARCHAR)
                .param("averagesVillages", average[4] == null ? null : average[4].intValue(), java.sql.Types.INTEGER).update();
        Assessment assessment = assessment(province, year).orElseThrow();
        audit.record("village-assessment", province + "/" + year, "assess", null, assessment, null, province);
        return assessment;
    }

    @Override
    public Optional<Assessment> assessment(String provinceCode, int year) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        // A province's assessment is read by those bound to the province, above it or inside it; for anyone else
        // the province's assessment is absent, whether made or not.
        String province = provinceCode == null ? "" : provinceCode.strip();
        if (province.isEmpty() || caller.areas().stream().noneMatch(a -> a.startsWith(province) || province.startsWith(a))) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "identification.assessment.none", province, year);
        }
        return jdbc.sql("select * from village_assessment_run where province_code = :province and year = :year")
                .param("province", provinceCode).param("year", year)
                .query((rs, i) -> new Assessment(rs.getString("province_code"), rs.getInt("year"),
                        ProvinceAverages.Method.valueOf(rs.getString("method")), rs.getBigDecimal("poverty_rate"),
                        rs.getBigDecimal("per_capita_income"), rs.getInt("villages"), rs.getInt("candidates"),
                        rs.getString("assessed_by"), rs.getObject("assessed_at", OffsetDateTime.class),
                        rs.getString("averages_area"),
                        rs.getString("averages_area") == null ? null : areas.find(rs.getString("averages_area"))
                                .map(Area::fullName).orElse(rs.getString("averages_area")),
                        (Integer) rs.getObject("averages_villages")))
                .optional();
    }

    @Override
    public List<VillageAssessment> assessedVillages(String areaCode, int year, boolean candidatesOnly, int page, int size) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("v.village_code");
        String area = areaCode == null ? "" : areaCode.strip();
        int limit = Math.clamp(size, 1, MAX_PAGE_SIZE);
        return named(jdbc.sql("select v.* from village_assessment v where v.year = :year and v.village_code like :area and "
                        + scope.sql() + (candidatesOnly ? " and v.candidate" : "")
                        + " order by v.candidate desc, v.village_code limit :limit offset :offset")
                .params(scope.parameters()).param("year", year).param("area", area + "%").param("limit", limit)
                .param("offset", (long) Math.max(page, 0) * limit)
                .query((rs, i) -> VillageCaseRows.assessment(rs)).list());
    }

    private List<VillageAssessment> named(List<VillageAssessment> rows) {
        Map<String, Area> names = areas.findAll(rows.stream().map(VillageAssessment::villageCode).toList());
        return rows.stream().map(v -> new VillageAssessment(v.villageCode(),
                names.containsKey(v.villageCode()) ? names.get(v.villageCode()).fullName() : v.villageCode(), v.year(),
                v.ruralResidents(), v.residentsSource(), v.poorPeople(), v.povertyRate(), v.perCapitaIncome(),
                v.incomeSource(), v.collectiveIncome(), v.high(), v.low(), v.none(), v.candidate())).toList();
    }

    // ---------------------------------------------------------------- the procedure

    // The shorter form runs in the transaction too: as a default method of the interface it called the longer
    // form on this object, past the transactional proxy.
    @Override
    @Transactional
    public StepResult apply(List<String> villageCodes, int year, String exception, String note) {
        return apply(villageCodes, year, null, exception, note);
    }

    @Override
    @Transactional
    public StepResult apply(List<String> villageCodes, int year, java.time.LocalDate day, String exception, String note) {
        Caller caller = Caller.required();
        caller.requireAny(Procedure.APPLICANT_ROLE);
        java.time.LocalDate applied = procedures.startDay(day, "date");
        List<String> codes = villageCodes == null ? List.of() : villageCodes.stream().map(String::strip).toList();
        if (codes.isEmpty()) {
            throw DomainException.invalid(List.of(new FieldProblem("villageCodes", "required", "identification.ids.required")));
        }
        if (Set.copyOf(codes).size() != codes.size()) {
            throw DomainException.invalid(List.of(new FieldProblem("villageCodes", "twice", "identification.ids.twice")));
        }
        Map<String, Boolean> candidates = new LinkedHashMap<>();
        jdbc.sql("select village_code, candidate from village_assessment where year = :year and village_code = any(:codes)")
                .param("year", year).param("codes", codes.toArray(String[]::new))
                .query(rs -> {
                    candidates.put(rs.getString(1), rs.getBoolean(2));
                });
        Set<String> started = Set.copyOf(jdbc.sql("select village_code from village_identification where year = :year"
                        + " and village_code = any(:codes)")
                .param("year", year).param("codes", codes.toArray(String[]::new)).query(String.class).list());
        boolean excepted = StepForms.blankToNull(exception) != null;
        Problems problems = new Problems();
        for (String code : codes) {
            if (!caller.reaches(code) || areas.find(code).filter(a -> a.level() == AreaLevel.VILLAGE).isEmpty()) {
                problems.add("village:" + code, "not-found", "household.village.unknown", code);
            } else if (!HouseholdDefinition.APPLICANTS.actsAt(caller, code)) {
                problems.add("village:" + code, "level", "identification.subject.level",
                        StepForms.named("role." + Procedure.APPLICANT_ROLE),
                        StepForms.named("identification.levels.TOWNSHIP-VILLAGE"));
            } else if (!candidates.containsKey(code)) {
                problems.add("village:" + code, "not-assessed", "identification.village.not-assessed", code, year);
            } else if (started.contains(code)) {
                problems.add("village:" + code, "started", "identification.village.started", code, year);
            } else if (!candidates.get(code) && !excepted) {
                problems.add("village:" + code, "not-candidate", "identification.village.not-candidate", code);
            }
        }
        problems.refuseIfAny(DomainException.Kind.CONFLICT);
        List<Procedures.Subject> ids = jdbc.sql("""
                insert into village_identification (county_code, village_code, year, exception_reason)
                select left(c.code, 6), c.code, :year, case when v.candidate then null else :exception end
                  from unnest(:codes::text[]) as c (code)
                  join village_assessment v on v.village_code = c.code and v.year = :year
                 order by c.code returning id, village_code""")
                .param("year", year).param("codes", codes.toArray(String[]::new))
                .param("exception", StepForms.blankToNull(exception), java.sql.Types.VARCHAR)
                .query((rs, i) -> new Procedures.Subject(rs.getLong(1), rs.getString(2), null)).list();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("year", year);
        if (excepted) {
            details.put("exception", exception.strip());
        }
        procedures.start(VillageDefinition.NAME, ids, applied, details, note);
        return new StepResult(Step.APPLY, ids.size(), 0);
    }

    @Override
    @Transactional
    public StepResult step(StepRequest request) {
        return StepForms.result(procedures.step(VillageDefinition.NAME, StepForms.move(request)));
    }

    @Override
    public VillageCase villageCase(long id) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("c.village_code", "scope", "c.county_code");
        return caseRows.cases("c.id = :id and " + scope.sql(), Map.of("id", id), scope.parameters()).stream().findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.village-case.not-found", id));
    }

    @Override
    public List<VillageCase> cases(String areaCode, int year, Stage stage) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("c.village_code", "scope", "c.county_code");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("area", (areaCode == null ? "" : areaCode.strip()) + "%");
        params.put("year", year);
        String where = "c.village_code like :area and c.year = :year and " + scope.sql();
        if (stage != null) {
            where += " and c.stage = :stage";
            params.put("stage", stage.name());
        }
        return caseRows.cases(where, params, scope.parameters());
    }

    @Override
    public List<String> poorVillages(String areaCode, int year) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("village_code", "scope", "county_code");
        return jdbc.sql("select village_code from village_identification_case where stage = 'ANNOUNCED' and year = :year"
                        + " and village_code like :area and " + scope.sql() + " order by village_code")
                .params(scope.parameters()).param("year", year).param("area", (areaCode == null ? "" : areaCode.strip()) + "%")
                .query(String.class).list();
    }
}
