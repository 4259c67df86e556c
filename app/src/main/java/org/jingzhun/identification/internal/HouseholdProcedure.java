package org.jingzhun.identification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.jingzhun.poverty.PovertyLine;
import org.jingzhun.poverty.PovertyLines;
import org.jingzhun.procedure.Problems;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.registry.HouseholdDisclosure;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rounds and household applications in the database, within the caller's areas. */
@Service
class HouseholdProcedure implements HouseholdIdentification {

    static final int MAX_PAGE_SIZE = 500;
    /** The most households one application may name: a large county's whole list. */
    static final int MAX_SUBJECTS = 200_000;
    static final Role[] READERS = {Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR};

    private final JdbcClient jdbc;
    private final Areas areas;
    private final PovertyLines lines;
    private final Households households;
    private final AuditTrail audit;
    private final Procedures procedures;
    private final ApplicationRows rows;
    private final java.time.Clock clock;

    HouseholdProcedure(JdbcClient jdbc, Areas areas, PovertyLines lines, Households households, AuditTrail audit,
                       Procedures procedures, ApplicationRows rows, java.time.Clock clock) {
        this.clock = clock;
        this.rows = rows;
        this.jdbc = jdbc;
        this.areas = areas;
        this.lines = lines;
        this.households = households;
        this.audit = audit;
        this.procedures = procedures;
    }

    // ---------------------------------------------------------------- rounds

    @Override
    @Transactional
    public Round openRound(Round.Form form) {
        Caller caller = Caller.required();
        caller.requireAny(Role.REVIEWER, Role.ADMINISTRATOR);
        List<FieldProblem> problems = new ArrayList<>();
        String county = form.countyCode() == null ? "" : form.countyCode().strip();
        boolean isCounty = areas.find(county).filter(a -> a.level() == AreaLevel.COUNTY && !a.retired()).isPresent();
        if (!isCounty || !caller.areas().stream().anyMatch(a -> a.length() <= AreaLevel.COUNTY.codeLength() && county.startsWith(a))) {
            problems.add(new FieldProblem("countyCode", "unknown", "identification.round.county-unknown", county));
        }
        int thisYear = java.time.LocalDate.now(clock).getYear();
        if (form.year() == null || form.year() < 2000 || form.year() > thisYear + 1) {
            problems.add(new FieldProblem("year", "range", "identification.round.year", 2000, thisYear + 1));
        } else if (isCounty) {
            try {
                lines.lineFor(county.substring(0, 2), form.year());
            } catch (DomainException e) {
                problems.add(new FieldProblem("year", "no-line", e.messageKey(), e.args()));
            }
        }
        int days = form.publicityDays() == null ? 7 : form.publicityDays();
        if (days < 1 || days > 30) {
            problems.add(new FieldProblem("publicityDays", "range", "identification.round.days"));
        }
        checkQuota(form.quotaHouseholds(), form.quotaPeople(), problems);
        if ((form.quotaHouseholds() != null || form.quotaPeople() != null) && isCounty && !above(caller, county)) {
            problems.add(new FieldProblem("quotaHouseholds", "above", "identification.round.quota-above"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        // On conflict nothing: a unique violation would abort the transaction the refusal is written in.
        long id = jdbc.sql("""
                insert into identification_round (county_code, year, publicity_days, quota_households, quota_people,
                                                  quota_set_by, created_by)
                values (:county, :year, :days, :households, :people, :setBy, :by)
                on conflict (county_code, year) do nothing returning id""")
                .param("county", county).param("year", form.year()).param("days", days)
                .param("households", form.quotaHouseholds(), java.sql.Types.INTEGER)
                .param("people", form.quotaPeople(), java.sql.Types.INTEGER)
                .param("setBy", form.quotaHouseholds() == null && form.quotaPeople() == null ? null : caller.login(),
                        java.sql.Types.VARCHAR)
                .param("by", caller.login()).query(Long.class).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.CONFLICT,
                        List.of(new FieldProblem("year", "exists", "identification.round.exists", areas.get(county).name(),
                                form.year())),
                        "identification.round.exists", areas.get(county).name(), form.year()));
        Round round = round(id);
        audit.record("identification-round", Long.toString(id), "create", null, round, null, county);
        return round;
    }

    @Override
    public Round round(long id) {
        Caller.Restriction scope = countyScope();
        return rounds("id = :id and " + scope.sql(), Map.of("id", id), scope).stream().findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.round.not-found", id));
    }

    @Override
    public List<Round> rounds(String areaCode) {
        String area = areaCode == null ? "" : areaCode.strip();
        Caller.Restriction scope = countyScope();
        return rounds("county_code like :area and " + scope.sql(),
                Map.of("area", area.substring(0, Math.min(area.length(), AreaLevel.COUNTY.codeLength())) + "%"), scope);
    }

    /** The rounds a reader reaches: those of the counties of its areas, since a township's or village's households are in its county's round. */
    private static Caller.Restriction countyScope() {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        return new Caller(caller.userId(), caller.login(), caller.roles(),
                caller.areas().stream().map(a -> a.substring(0, Math.min(a.length(), AreaLevel.COUNTY.codeLength())))
                        .collect(java.util.stream.Collectors.toSet())).restrict("county_code");
    }

    private List<Round> rounds(String where, Map<String, Object> params, Caller.Restriction scope) {
        List<Round> rows = jdbc.sql("select * from identification_round where " + where
                        + " order by year desc, county_code limit 1000")
                .params(params).params(scope.parameters())
                .query((rs, i) -> round(rs, Map.of(), 0, 0)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Long[] ids = rows.stream().map(Round::id).toArray(Long[]::new);
        Map<Long, Map<Stage, Integer>> byStage = new HashMap<>();
        jdbc.sql("select round_id, stage, count(*) from household_application_case where round_id = any(:ids) group by 1, 2")
                .param("ids", ids)
                .query(rs -> {
                    byStage.computeIfAbsent(rs.getLong(1), id -> new EnumMap<>(Stage.class))
                            .put(Stage.valueOf(rs.getString(2)), rs.getInt(3));
                });
        Map<Long, int[]> approved = new HashMap<>();
        jdbc.sql("""
                select a.round_id, count(*), sum((select count(*) from registry_member m where m.household_id = a.household_id))
                  from household_application_case a where a.round_id = any(:ids) and a.stage in ('COUNTY_APPROVED', 'ANNOUNCED')
                 group by 1""")
                .param("ids", ids)
                .query(rs -> {
                    approved.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)});
                });
        Map<String, Area> counties = areas.findAll(rows.stream().map(Round::countyCode).toList());
        return rows.stream().map(r -> {
            PovertyLine line = lines.lineFor(r.countyCode().substring(0, 2), r.year());
            int[] counts = approved.getOrDefault(r.id(), new int[2]);
            return new Round(r.id(), r.countyCode(), counties.containsKey(r.countyCode()) ? counties.get(r.countyCode()).fullName()
                    : r.countyCode(), r.year(), line.amount(), !line.national(), r.publicityDays(), r.quotaHouseholds(),
                    r.quotaPeople(), r.quotaSetBy(), r.overrideReason(), r.overrideBy(), r.overrideAt(), r.createdBy(),
                    r.createdAt(), byStage.getOrDefault(r.id(), Map.of()), counts[0], counts[1]);
        }).toList();
    }

    private static Round round(ResultSet rs, Map<Stage, Integer> byStage, int approvedHouseholds, int approvedPeople)
            throws SQLException {
        return new Round(rs.getLong("id"), rs.getString("county_code"), null, rs.getInt("year"), null, false,
                rs.getInt("publicity_days"), (Integer) rs.getObject("quota_households"), (Integer) rs.getObject("quota_people"),
                rs.getString("quota_set_by"), rs.getString("override_reason"), rs.getString("override_by"),
                rs.getObject("override_at", OffsetDateTime.class), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), byStage, approvedHouseholds, approvedPeople);
    }

    @Override
    @Transactional
    public Round setQuota(long roundId, Integer householdQuota, Integer peopleQuota, String reason) {
        Round before = aboveTheCounty(roundId);
        List<FieldProblem> problems = new ArrayList<>();
        checkQuota(householdQuota, peopleQuota, problems);
        if (StepForms.blankToNull(reason) == null) {
            problems.add(new FieldProblem("reason", "required", "identification.reason.required"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        jdbc.sql("update identification_round set quota_households = :households, quota_people = :people, quota_set_by = :by"
                        + " where id = :id")
                .param("households", householdQuota, java.sql.Types.INTEGER).param("people", peopleQuota, java.sql.Types.INTEGER)
                .param("by", Caller.required().login()).param("id", roundId).update();
        Round after = round(roundId);
        audit.record("identification-round", Long.toString(roundId), "quota", before, after, reason, after.countyCode());
        return after;
    }

    @Override
    @Transactional
    public Round overrideQuota(long roundId, String reason) {
        Round before = aboveTheCounty(roundId);
        if (StepForms.blankToNull(reason) == null) {
            throw DomainException.invalid(List.of(new FieldProblem("reason", "required", "identification.reason.required")));
        }
        jdbc.sql("update identification_round set override_reason = :reason, override_by = :by, override_at = now() where id = :id")
                .param("reason", reason.strip()).param("by", Caller.required().login()).param("id", roundId).update();
        Round after = round(roundId);
        audit.record("identification-round", Long.toString(roundId), "quota-override", before, after, reason, after.countyCode());
        return after;
    }

    /** The round, for a reviewer or administrator bound above its county: the quota is given from above. */
    private Round aboveTheCounty(long roundId) {
        Caller caller = Caller.required();
        caller.requireAny(Role.REVIEWER, Role.ADMINISTRATOR);
        Round round = round(roundId);
        if (!above(caller, round.countyCode())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identification.round.quota-above");
        }
        return round;
    }

    /** Whether the caller is bound to an area above the county that holds it (prefecture, province, nation). */
    private static boolean above(Caller caller, String countyCode) {
        return caller.areas().stream().anyMatch(area -> area.length() < AreaLevel.COUNTY.codeLength() && countyCode.startsWith(area));
    }

    private static void checkQuota(Integer households, Integer people, List<FieldProblem> problems) {
        if (households != null && households < 0) {
            problems.add(new FieldProblem("quotaHouseholds", "range", "identification.round.quota-range"));
        }
        if (people != null && people < 0) {
            problems.add(new FieldProblem("quotaPeople", "range", "identification.round.quota-range"));
        }
    }

    // ---------------------------------------------------------------- applications

    // The shorter form runs in the transaction too: as a default method of the interface it called the longer
    // form on this object, past the transactional proxy.
    @Override
    @Transactional
    public StepResult apply(long roundId, List<Long> householdIds, Application.Proposer proposedBy, String note) {
        return apply(roundId, householdIds, proposedBy, null, note);
    }

    @Override
    @Transactional
    public StepResult apply(long roundId, List<Long> householdIds, Application.Proposer proposedBy, java.time.LocalDate day,
                            String note) {
        Caller caller = Caller.required();
        caller.requireAny(Procedure.APPLICANT_ROLE);
        Round round = round(roundId);
        List<Long> ids = householdIds == null ? List.of() : householdIds;
        List<FieldProblem> invalid = new ArrayList<>();
        if (ids.isEmpty()) {
            invalid.add(new FieldProblem("householdIds", "required", "identification.ids.required"));
        } else if (ids.size() > MAX_SUBJECTS) {
            invalid.add(new FieldProblem("householdIds", "too-many", "identification.ids.too-many", MAX_SUBJECTS));
        } else if (Set.copyOf(ids).size() != ids.size()) {
            invalid.add(new FieldProblem("householdIds", "twice", "identification.ids.twice"));
        }
        if (proposedBy == null) {
            invalid.add(new FieldProblem("proposedBy", "required", "identification.proposer.required"));
        }
        if (!invalid.isEmpty()) {
            throw DomainException.invalid(invalid);
        }
        java.time.LocalDate applied = procedures.startDay(day, "date");
        Long[] wanted = ids.toArray(Long[]::new);
        Problems problems = new Problems();
        Map<Long, OnRecord> found = new HashMap<>();
        jdbc.sql("""
                select h.id, h.village_code, h.status,
                       exists (select 1 from household_application_case a where a.household_id = h.id
                                  and a.stage not in ('ANNOUNCED', 'REJECTED')) as open,
                       exists (select 1 from household_application a where a.household_id = h.id and a.round_id = :round) as applied
                  from household h where h.id = any(:ids) order by h.id for update""")
                .param("ids", wanted).param("round", roundId)
                .query(rs -> {
                    found.put(rs.getLong("id"), new OnRecord(rs.getString("village_code"),
                            Household.Status.valueOf(rs.getString("status")), rs.getBoolean("open"), rs.getBoolean("applied")));
                });
        List<Long> nonPoor = new ArrayList<>();
        for (long id : ids) {
            OnRecord household = found.get(id);
            if (household == null || !caller.reaches(household.village())) {
                problems.of(id, "not-found", "household.not-found", id);
            } else if (!household.village().startsWith(round.countyCode())) {
                problems.of(id, "county", "identification.apply.county", round.countyName());
            } else if (!HouseholdDefinition.APPLICANTS.actsAt(caller, household.village())) {
                problems.of(id, "level", "identification.subject.level", StepForms.named("role." + Procedure.APPLICANT_ROLE),
                        StepForms.named("identification.levels.TOWNSHIP-VILLAGE"));
            } else if (household.applied()) {
                problems.of(id, "applied", "identification.apply.in-round", round.year());
            } else if (household.open()) {
                problems.of(id, "open", "identification.apply.open");
            } else if (household.status() != Household.Status.NON_POOR && household.status() != Household.Status.CANDIDATE) {
                problems.of(id, "status", "identification.apply.status", StepForms.named("status." + household.status()));
            } else if (household.status() == Household.Status.NON_POOR) {
                nonPoor.add(id);
            }
        }
        if (!problems.isEmpty()) {
            problems.name(SubjectNames.ofHouseholds(jdbc, found.entrySet().stream()
                    .filter(e -> caller.reaches(e.getValue().village())).map(Map.Entry::getKey).toList()));
        }
        problems.refuseIfAny(DomainException.Kind.CONFLICT);
        List<Procedures.Subject> applications = jdbc.sql("""
                insert into household_application (round_id, county_code, household_id, village_code, proposed_by)
                select :round, (select r.county_code from identification_round r where r.id = :round), h.id, h.village_code,
                       :proposer
                  from registry_household h where h.id = any(:ids)
                 order by h.id returning id, village_code, household_id""")
                .param("round", roundId).param("proposer", proposedBy.name()).param("ids", wanted)
                .query((rs, i) -> new Procedures.Subject(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        if (!nonPoor.isEmpty()) {
            households.changeStatuses(nonPoor, Household.Status.NON_POOR, Household.Status.CANDIDATE, round.year(), applied,
                    "identification " + round.year() + ": applied");
        }
        procedures.start(HouseholdDefinition.NAME, applications, applied, HouseholdRules.applicationDetails(proposedBy.name()), note);
        return new StepResult(Step.APPLY, applications.size(), 0);
    }

    /** A household as an application weighs it: its village, status, and procedures. */
    private record OnRecord(String village, Household.Status status, boolean open, boolean applied) {
    }

    @Override
    @Transactional
    public StepResult step(StepRequest request) {
        return StepForms.result(procedures.step(HouseholdDefinition.NAME, StepForms.move(request)));
    }

    @Override
    public Application application(long id) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        Caller.Restriction scope = caller.restrict("a.village_code", "scope", "a.county_code");
        return rows.read("a.id = :id and " + scope.sql(), Map.of("id", id), scope.parameters(), 1, 0, HouseholdDisclosure.to(caller)).stream().findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.application.not-found", id));
    }

    @Override
    public List<Application> applicationsOf(long householdId) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        households.get(householdId); // not found outside the caller's areas, whatever its applications
        Caller.Restriction scope = caller.restrict("a.village_code");
        return rows.read("a.household_id = :household and " + scope.sql(), Map.of("household", householdId), scope.parameters(),
                100, 0, HouseholdDisclosure.to(caller));
    }

    @Override
    public Page applications(Query query) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        round(query.roundId());
        Caller.Restriction scope = caller.restrict("a.village_code", "scope", "a.county_code");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("round", query.roundId());
        String where = "a.round_id = :round and " + scope.sql();
        String area = query.areaCode() == null ? "" : query.areaCode().strip();
        if (!area.isEmpty()) {
            if (!area.matches("\\d{1,12}")) {
                throw DomainException.invalid(List.of(new FieldProblem("area", "format", "audit.area.format", area)));
            }
            where += " and a.village_code like :area";
            params.put("area", area + "%");
        }
        if (query.stage() != null) {
            where += " and a.stage = :stage";
            params.put("stage", query.stage().name());
        }
        int size = Math.clamp(query.size(), 1, MAX_PAGE_SIZE);
        int page = Math.max(query.page(), 0);
        List<Application> found = rows.read(where, params, scope.parameters(), size + 1, (long) page * size,
                HouseholdDisclosure.to(caller));
        return new Page(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size);
    }
}
