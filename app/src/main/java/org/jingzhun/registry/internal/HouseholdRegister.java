package org.jingzhun.registry.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdDisclosure;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.HouseholdSummary;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.Member;
import org.jingzhun.registry.ResidentId;
import org.jingzhun.registry.StatusChange;
import org.jingzhun.registry.internal.HouseholdValidation.CheckedMember;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Households and members in the database, within the caller's areas, each change audited. */
@Service
class HouseholdRegister implements Households {

    static final int MAX_PAGE_SIZE = 200;
    /** Members matching a name search from which the households are walked in order rather than read by name. */
    static final int MANY_NAMESAKES = 1000;

    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final Areas areas;
    private final AuditTrail audit;
    private final tools.jackson.databind.json.JsonMapper json;
    private final java.time.Clock clock;
    private final MemberMovements movements;
    private final RegistryChangeLog changes;
    private final org.jingzhun.procedure.Procedures procedures;

    HouseholdRegister(JdbcClient jdbc, javax.sql.DataSource dataSource, Areas areas, AuditTrail audit,
                      tools.jackson.databind.json.JsonMapper json, java.time.Clock clock, MemberMovements movements,
                      RegistryChangeLog changes, org.jingzhun.procedure.Procedures procedures) {
        this.changes = changes;
        this.procedures = procedures;
        this.clock = clock;
        this.movements = movements;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.areas = areas;
        this.audit = audit;
        this.json = json;
    }

    private static final Role[] READERS = {Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR};

    @Override
    @Transactional(readOnly = true) // one connection: find() reads members while the household's row is open, which
    // otherwise took a second one, and ten pages at once held the pool of ten waiting (SearchLoadBenchmark, 200 clients)
    public Household get(long id) {
        Caller.required().requireAny(READERS);
        return HouseholdDisclosure.toCurrentCaller().household(inReach(id));
    }

    /** A household inside the caller's areas, whole: for the changes, never shown as it is. */
    private Household inReach(long id) {
        return find(id).filter(household -> Caller.required().reaches(household.villageCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "household.not-found", id));
    }

    @Override
    @Transactional
    public Household create(HouseholdForm form, String reason) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Checked checked = check(form, null);
        long id;
        try {
            id = jdbc.sql("""
                    insert into household (village_code, county_code, group_name, address, phone, category, main_cause, other_causes,
                                           housing_grade, safe_water, production, bank_account, registered_year, external_ref,
                                           created_at, updated_at)
                    values (:village, left(:village, 6), :group, :address, :phone, :category, :mainCause, :otherCauses::text[],
                            :housingGrade, :safeWater, :production, :bankAccount, :registeredYear, :externalRef, :now, :now)
                    returning id""")
                    .paramSource(recordedNow(columns(form, checked.category()))).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw referenceTaken(form);
        }
        changes.firstStatus(new Long[] {id});
        writeMembersAndIncomes(id, form, checked.members(), MemberMovements.Moves.NONE);
        Household created = find(id).orElseThrow();
        audit.record("household", Long.toString(id), "create", null, created, reason, created.villageCode());
        return HouseholdDisclosure.toCurrentCaller().household(created);
    }

    @Override
    @Transactional
    public Household update(long id, int version, HouseholdForm form, String reason) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        return HouseholdDisclosure.toCurrentCaller().household(change(id, version, form, reason, null));
    }

    /**
     * The edit of a household read at {@code version}, in the caller's transaction: its fields, its members (those who
     * leave with their departure, those who join with their day and reason) and its incomes (years not given are kept).
     * Audited as {@code action}, else as an update or a relocation. The household after, whole.
     */
    private Household change(long id, int version, HouseholdForm form, String reason, String action) {
        Household before = inReach(id);
        refuseEnded(before);
        Checked checked = check(form, id);
        if (before.version() != version) { // a stale edit is a conflict whatever it asks; the update below guards the race
            throw changedMeanwhile();
        }
        MemberMovements.Moves moves = movements.moves(before, form, checked.members());
        Map<String, Object> columns = columns(form, checked.category());
        refuseMoveWhileOpen(before, String.valueOf(columns.get("village")));
        columns.put("id", id);
        columns.put("version", version);
        int updated;
        try {
            updated = jdbc.sql("""
                    update household set village_code = :village, county_code = left(:village, 6), group_name = :group, address = :address, phone = :phone,
                           category = :category, main_cause = :mainCause, other_causes = :otherCauses::text[],
                           housing_grade = :housingGrade, safe_water = :safeWater, production = :production,
                           bank_account = :bankAccount, registered_year = :registeredYear, external_ref = :externalRef,
                           version = version + 1, updated_at = now()
                     where id = :id and version = :version""")
                    .params(columns).update();
        } catch (DuplicateKeyException e) {
            throw referenceTaken(form);
        }
        if (updated == 0) {
            throw changedMeanwhile();
        }
        writeMembersAndIncomes(id, form, checked.members(), moves);
        changes.villages(before.villageCode());
        Household after = find(id).orElseThrow();
        String done = action != null ? action : before.villageCode().equals(after.villageCode()) ? "update"
                : before.villageCode().startsWith(after.villageCode().substring(0, 6)) ? "relocate" : "move";
        audit.record("household", Long.toString(id), done, before, after, reason, after.villageCode());
        return after;
    }

    private static DomainException changedMeanwhile() {
        return new DomainException(DomainException.Kind.CONFLICT,
                List.of(new DomainException.FieldProblem("version", "changed", "household.changed-meanwhile")),
                "household.changed-meanwhile");
    }

    /**
     * A household inside the caller's areas, whole, that the caller read at {@code version} and that has not ended: a
     * stale request is a conflict whatever it asks (the version is taken again when it is written).
     */
    private Household current(long id, int version) {
        Household household = inReach(id);
        refuseEnded(household);
        if (household.version() != version) {
            throw changedMeanwhile();
        }
        return household;
    }

    /** A household that merged into another keeps its record as it ended: nothing changes it after. */
    private static void refuseEnded(Household household) {
        if (household.ended()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "household.ended", household.endedOn().toString());
        }
    }

    @Override
    @Transactional
    public Household leave(long id, int version, HouseholdForm.Departure departure, String newHead, String note) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Household before = current(id, version);
        String idNumber = departure == null || departure.idNumber() == null ? "" : departure.idNumber().strip().toUpperCase(java.util.Locale.ROOT);
        Member leaving = before.members().stream().filter(m -> m.idNumber().equals(idNumber)).findFirst()
                .orElseThrow(() -> DomainException.invalid(List.of(new DomainException.FieldProblem("idNumber", "not-member",
                        "member.not-member", idNumber.isEmpty() ? "-" : HouseholdDisclosure.maskIdNumber(idNumber)))));
        List<Member> staying = before.members().stream().filter(m -> m != leaving).toList();
        if (staying.isEmpty()) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("idNumber", "last", "member.leave.last")));
        }
        String head = leaving.relation() == Member.Relation.HEAD ? MemberMovements.normalized(newHead) : null;
        if (leaving.relation() == Member.Relation.HEAD && staying.stream().noneMatch(m -> m.idNumber().equals(head))) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("newHead", "required", "member.new-head.required")));
        }
        List<HouseholdForm.MemberForm> members = staying.stream()
                .map(m -> MemberMovements.form(m, m.idNumber().equals(head) ? Member.Relation.HEAD : m.relation())).toList();
        HouseholdForm form = MemberMovements.form(before, members, List.of(departure));
        Household after = renamingFields(() -> change(id, version, form, note, "member-leave"),
                java.util.Map.of("departures[0].", ""));
        return HouseholdDisclosure.toCurrentCaller().household(after);
    }

    @Override
    @Transactional
    public Household join(long id, int version, HouseholdForm.MemberForm member, String note) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Household before = current(id, version);
        List<HouseholdForm.MemberForm> members = new ArrayList<>(before.members().stream()
                .map(m -> MemberMovements.form(m, m.relation())).toList());
        members.add(member == null ? new HouseholdForm.MemberForm(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null) : member);
        HouseholdForm form = MemberMovements.form(before, members, List.of());
        Household after = renamingFields(() -> change(id, version, form, note, "member-join"),
                java.util.Map.of("members[" + (members.size() - 1) + "].", ""));
        return HouseholdDisclosure.toCurrentCaller().household(after);
    }

    /** Runs a change whose form the registry built, naming refused fields as the caller gave them. */
    private static Household renamingFields(java.util.function.Supplier<Household> change, Map<String, String> prefixes) {
        try {
            return change.get();
        } catch (DomainException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            List<DomainException.FieldProblem> renamed = e.fieldProblems().stream().map(p -> {
                for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
                    if (p.field() != null && p.field().startsWith(prefix.getKey())) {
                        return new DomainException.FieldProblem(prefix.getValue() + p.field().substring(prefix.getKey().length()),
                                p.code(), p.messageKey(), p.args());
                    }
                }
                return p;
            }).toList();
            throw new DomainException(e.kind(), renamed, e.messageKey(), e.args());
        }
    }

    @Override
    @Transactional
    public Household split(long id, int version, Households.Split split, String note) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Household before = current(id, version);
        MemberMovements.SplitPlan plan = movements.splitPlan(before, split);
        bumpVersion(id, version);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long formed = jdbc.sql("""
                insert into household (village_code, county_code, group_name, address, phone, category, status, main_cause,
                                       other_causes, housing_grade, safe_water, production, registered_year, formed_on,
                                       formed_from, formed_from_county, created_at, updated_at)
                select village_code, county_code, group_name, address, phone, category, status, main_cause, other_causes,
                       housing_grade, safe_water, production, registered_year, :day, id, county_code, :now, :now
                  from household where id = :id
                returning id""").param("day", plan.day()).param("now", now).param("id", id).query(Long.class).single();
        changes.firstStatus(new Long[] {formed});
        movements.move(before, plan.leaving(), formed, plan.head(), plan.day(), Member.LeaveReason.SPLIT,
                Member.JoinReason.SPLIT, note, now);
        if (plan.remainingHead() != null) {
            jdbc.sql("update member set relation = 'HEAD' where household_id = :id and id_number = :head")
                    .param("id", id).param("head", plan.remainingHead()).update();
        }
        changes.changed(new Long[] {id, formed});
        Household after = find(id).orElseThrow();
        Household created = find(formed).orElseThrow();
        audit.record("household", Long.toString(id), "split", before, after, note, after.villageCode());
        audit.record("household", Long.toString(formed), "split-from", null, created, note, created.villageCode());
        return HouseholdDisclosure.toCurrentCaller().household(created);
    }

    @Override
    @Transactional
    public Household merge(long id, int version, long into, String day, String note) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Household before = current(id, version);
        Household target;
        try {
            target = id == into ? null : inReach(into);
        } catch (DomainException e) {
            target = null;
        }
        if (target == null || target.ended()) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("into", "unknown", "household.merge.into")));
        }
        LocalDate on = movements.dayOf(day, "day", before.members(), before.formedOn());
        bumpVersion(id, version);
        OffsetDateTime now = OffsetDateTime.now(clock);
        movements.move(before, before.members(), into, null, on, Member.LeaveReason.MERGE, Member.JoinReason.MERGE, note, now);
        jdbc.sql("""
                update household set ended_on = :day, merged_into = :into, updated_at = :now,
                       merged_into_county = (select county_code from household where id = :into)
                 where id = :id""")
                .param("day", on).param("into", into).param("now", now).param("id", id).update();
        jdbc.sql("update household set version = version + 1, updated_at = :now where id = :id")
                .param("now", now).param("id", into).update();
        changes.changed(new Long[] {id, into});
        Household after = find(id).orElseThrow();
        Household joined = find(into).orElseThrow();
        audit.record("household", Long.toString(id), "merge", before, after, note, after.villageCode());
        audit.record("household", Long.toString(into), "merge-in", target, joined, note, joined.villageCode());
        return HouseholdDisclosure.toCurrentCaller().household(after);
    }

    @Override
    @Transactional
    public Household move(long id, int version, String villageCode, String reason) {
        Caller.required().requireAny(Role.DATA_ENTRY);
        Household before = current(id, version);
        HouseholdForm kept = MemberMovements.form(before, before.members().stream()
                .map(m -> MemberMovements.form(m, m.relation())).toList(), List.of());
        HouseholdForm form = new HouseholdForm(villageCode == null ? "" : villageCode, kept.groupName(), kept.address(),
                kept.phone(), kept.category(), kept.mainCause(), kept.otherCauses(), kept.housingGrade(), kept.safeWater(),
                kept.production(), kept.bankAccount(), kept.registeredYear(), kept.incomes(), kept.members(),
                kept.externalRef(), List.of());
        return HouseholdDisclosure.toCurrentCaller().household(change(id, version, form, reason, "move"));
    }

    /**
     * A household moves to another county only when no procedure holds it: a case stays in the county that holds it
     * (its round, steps and objections are that county's), so it ends there first; those that ended stay there.
     */
    private void refuseMoveWhileOpen(Household before, String village) {
        if (village.length() < 6 || village.startsWith(before.villageCode().substring(0, 6))) {
            return;
        }
        List<String> open = procedures.openHolding(before.id());
        if (!open.isEmpty()) {
            String names = String.join(", ", open);
            throw new DomainException(DomainException.Kind.CONFLICT,
                    List.of(new DomainException.FieldProblem("villageCode", "open-procedure", "household.move.open-procedure", names)),
                    "household.move.open-procedure", names);
        }
    }

    /** Takes the household at the version read, or refuses as a conflict. */
    private void bumpVersion(long id, int version) {
        int updated = jdbc.sql("update household set version = version + 1, updated_at = now() where id = :id and version = :version")
                .param("id", id).param("version", version).update();
        if (updated == 0) {
            throw changedMeanwhile();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.jingzhun.registry.MemberChange> memberHistory(long id) {
        Household household = get(id);
        return movements.history(household, HouseholdDisclosure.toCurrentCaller(), Caller.required());
    }

    /**
     * Another household of the county took the reference between the check and the write (the unique index decides):
     * a conflict naming the field, as the check names it.
     */
    private static DomainException referenceTaken(HouseholdForm form) {
        return new DomainException(DomainException.Kind.CONFLICT,
                List.of(new DomainException.FieldProblem("externalRef", "taken", "household.external-ref.taken",
                        form.externalRef().strip())),
                "household.external-ref.taken", form.externalRef().strip());
    }

    // The faces' shorter forms are overridden here so that they run in the transaction too: a default method of the
    // interface would call the longer form on this object, past the transactional proxy.
    @Override
    @Transactional
    public Household changeStatus(long id, int version, Household.Status to, String reason) {
        return changeStatus(id, version, to, null, reason);
    }

    @Override
    @Transactional
    public int changeStatuses(java.util.Collection<Long> ids, Household.Status from, Household.Status to, int year,
                              String reason) {
        return changeStatuses(ids, from, to, year, null, reason);
    }

    @Override
    @Transactional
    public Household changeStatus(long id, int version, Household.Status to, LocalDate day, String reason) {
        Caller.required().requireAny(Role.REVIEWER);
        Household before = inReach(id);
        refuseEnded(before);
        if (to == null || !before.status().next().contains(to)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "household.status.not-allowed", before.status(), to);
        }
        if (to == Household.Status.REGISTERED) {
            throw new DomainException(DomainException.Kind.CONFLICT, "household.status.through-identification");
        }
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("reason", "required", "household.status.reason")));
        }
        if (reason.strip().length() > 2000) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("reason", "too-long", "household.too-long", 2000)));
        }
        LocalDate on = statusDay(day, List.of(id));
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                update household set status = :to, version = version + 1, updated_at = :now
                 where id = :id and version = :version""")
                .param("to", to.name()).param("now", now).param("id", id).param("version", version).update();
        if (updated == 0) {
            throw new DomainException(DomainException.Kind.CONFLICT,
                    List.of(new DomainException.FieldProblem("version", "changed", "household.changed-meanwhile")),
                    "household.changed-meanwhile");
        }
        recordStatusChange(new Long[] {id}, before.status(), to, on, on.getYear(), reason, now);
        Household after = find(id).orElseThrow();
        audit.record("household", Long.toString(id), "status-" + to.name().toLowerCase(java.util.Locale.ROOT), before, after,
                reason, after.villageCode());
        return HouseholdDisclosure.toCurrentCaller().household(after);
    }

    @Override
    @Transactional
    public int changeStatuses(java.util.Collection<Long> ids, Household.Status from, Household.Status to, int year,
                              LocalDate day, String reason) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.REVIEWER);
        if (!from.next().contains(to)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "household.status.not-allowed", from, to);
        }
        Long[] wanted = ids.stream().distinct().toArray(Long[]::new);
        Caller.Restriction scope = caller.restrict("h.village_code", "scope", "h.county_code");
        // Locked first, so that none changes between the check and the change.
        Map<Long, Boolean> movable = new java.util.HashMap<>();
        Map<Long, Integer> yearBefore = new java.util.HashMap<>();
        jdbc.sql("select h.id, h.status = :from and h.ended_on is null and " + scope.sql() + " as movable, h.registered_year from household h"
                        + " where h.id = any(:ids) order by h.id for update")
                .params(scope.parameters()).param("from", from.name()).param("ids", wanted)
                .query(rs -> {
                    movable.put(rs.getLong("id"), rs.getBoolean("movable"));
                    yearBefore.put(rs.getLong("id"), (Integer) rs.getObject("registered_year"));
                });
        List<Long> refused = java.util.Arrays.stream(wanted).filter(id -> !movable.getOrDefault(id, false)).sorted().toList();
        if (!refused.isEmpty()) {
            var fromName = new org.springframework.context.support.DefaultMessageSourceResolvable("status." + from);
            List<Long> named = refused.stream().limit(org.jingzhun.platform.RefusalLists.KEPT).toList(); // all kept, the first shown
            // Named as the pages show a household (issue 12, item 5), where the caller reaches it; else by the id given.
            Map<Long, Object> names = new java.util.HashMap<>();
            jdbc.sql("select h.id, m.name, left(m.id_number, 6) || '********' || right(m.id_number, 4),"
                            + " coalesce(a.name, h.village_code) from household h"
                            + " join member m on m.household_id = h.id and m.relation = 'HEAD'"
                            + " left join area a on a.code = h.village_code where h.id = any(:ids) and " + scope.sql())
                    .params(scope.parameters()).param("ids", named.toArray(Long[]::new))
                    .query(rs -> {
                        names.put(rs.getLong(1), new org.springframework.context.support.DefaultMessageSourceResolvable(
                                new String[] {"household.named"}, new Object[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
                    });
            throw new DomainException(DomainException.Kind.CONFLICT,
                    named.stream().map(id -> new DomainException.FieldProblem("household:" + id, "status",
                            "household.status.not-at", names.getOrDefault(id, id), fromName)).toList(),
                    "household.status.not-all", refused.size(), fromName);
        }
        LocalDate on = statusDay(day, List.of(wanted));
        if (year < 1978 || year > on.getYear() + 1) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("year", "range", "household.year.range", year)));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int changed = jdbc.sql("""
                update household set status = :to, version = version + 1, updated_at = :now,
                       registered_year = case when :to = 'REGISTERED' then :year else registered_year end
                 where id = any(:ids)""")
                .param("to", to.name()).param("now", now).param("year", year).param("ids", wanted).update();
        recordStatusChange(wanted, from, to, on, year, reason, now);
        // Every household was at "from" (else refused above); its year before comes from the locked read.
        String fromName = from.name();
        audit.recordEach("household", "status-" + to.name().toLowerCase(java.util.Locale.ROOT), reason,
                jdbc.sql("select id, village_code, status, registered_year from household where id = any(:ids) order by id")
                        .param("ids", wanted)
                        .query((rs, i) -> {
                            Map<String, Object> before = new LinkedHashMap<>();
                            before.put("status", fromName);
                            before.put("registeredYear", yearBefore.get(rs.getLong(1)));
                            Map<String, Object> after = new LinkedHashMap<>();
                            after.put("status", rs.getString(3));
                            after.put("registeredYear", (Integer) rs.getObject(4, Integer.class));
                            return new AuditTrail.Change(Long.toString(rs.getLong(1)), rs.getString(2), before, after);
                        }).list());
        return changed;
    }

    @Override
    public List<StatusChange> statusHistory(long id) {
        get(id);
        return jdbc.sql("""
                select day, year, from_status, to_status, reason, recorded_by, recorded_at
                  from household_status_event where household_id = :id order by id""")
                .param("id", id)
                .query((rs, i) -> new StatusChange(rs.getObject("day", LocalDate.class), rs.getInt("year"),
                        rs.getString("from_status") == null ? null : Household.Status.valueOf(rs.getString("from_status")),
                        Household.Status.valueOf(rs.getString("to_status")), rs.getString("reason"), rs.getString("recorded_by"),
                        rs.getObject("recorded_at", OffsetDateTime.class)))
                .list();
    }

    /**
     * The day a status change happened: the one given, else today; refused when it is in the future or before a
     * household's previous status change (its history stays in the order things happened). The day a household was
     * recorded does not bound it: offices record households long after the procedures held on paper.
     */
    private LocalDate statusDay(LocalDate day, List<Long> ids) {
        LocalDate today = LocalDate.now(clock);
        LocalDate on = day == null ? today : day;
        if (on.isAfter(today)) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("day", "future", "household.status.day.future",
                    on.toString(), today.toString())));
        }
        List<DomainException.FieldProblem> earlier = jdbc.sql("""
                select household_id, max(day) as day from household_status_event
                 where household_id = any(:ids) and from_status is not null
                 group by household_id having max(day) > :on order by household_id""")
                .param("ids", ids.toArray(Long[]::new)).param("on", on)
                .query((rs, i) -> new DomainException.FieldProblem("day", "before-previous", "household.status.day.before-previous",
                        on.toString(), rs.getObject("day", LocalDate.class).toString()))
                .list();
        if (!earlier.isEmpty()) {
            throw DomainException.invalid(earlier.subList(0, 1));
        }
        return on;
    }

    /** The households' status history, in the change's transaction: the day, the year it counts in, and why. */
    private void recordStatusChange(Long[] ids, Household.Status from, Household.Status to, LocalDate day, int year,
                                    String reason, OffsetDateTime now) {
        jdbc.sql("""
                insert into household_status_event (household_id, county_code, day, year, from_status, to_status, reason,
                                                    recorded_by, recorded_at)
                select h.id, h.county_code, :day, :year, :from, :to, :reason, :by, :now
                  from household h where h.id = any(cast(:ids as bigint[])) order by h.id""")
                .param("day", day).param("year", year).param("from", from.name()).param("to", to.name())
                .param("reason", reason == null ? null : reason.strip()).param("by", Caller.required().login())
                .param("now", now).param("ids", ids).update();
        changes.changed(ids);
    }

    /** The columns with the instant of recording, from the system's clock: it decides the year a household is on record from. */
    private Map<String, Object> recordedNow(Map<String, Object> columns) {
        columns.put("now", OffsetDateTime.now(clock));
        return columns;
    }

    @Override
    public List<org.jingzhun.registry.PovertyCause> causes() {
        return jdbc.sql("select code, name_zh, name_en from poverty_cause order by created_at, code")
                .query((rs, i) -> new org.jingzhun.registry.PovertyCause(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    @Transactional
    public org.jingzhun.registry.PovertyCause addCause(String code, String nameZh, String nameEn) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        if (!caller.national()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "poverty-cause.national-only");
        }
        List<DomainException.FieldProblem> problems = new ArrayList<>();
        if (code == null || !code.matches("[A-Z][A-Z_]{1,39}")) {
            problems.add(new DomainException.FieldProblem("code", "format", "poverty-cause.code.format"));
        }
        if (nameZh == null || nameZh.isBlank() || nameZh.length() > 50) {
            problems.add(new DomainException.FieldProblem("nameZh", "required", "poverty-cause.name.required"));
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.length() > 100) {
            problems.add(new DomainException.FieldProblem("nameEn", "required", "poverty-cause.name.required"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        org.jingzhun.registry.PovertyCause cause = jdbc.sql("""
                insert into poverty_cause (code, name_zh, name_en) values (:code, :zh, :en)
                on conflict do nothing returning code, name_zh, name_en""")
                .param("code", code).param("zh", nameZh.strip()).param("en", nameEn.strip())
                .query((rs, i) -> new org.jingzhun.registry.PovertyCause(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.CONFLICT,
                        List.of(new DomainException.FieldProblem("code", "exists", "poverty-cause.exists", code)),
                        "poverty-cause.exists", code));
        audit.record("poverty-cause", code, "create", null, cause, null, "");
        return cause;
    }

    @Override
    @Transactional(readOnly = true) // the plan setting below holds for this transaction only
    public Page search(Query query) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        HouseholdDisclosure disclosure = HouseholdDisclosure.to(caller);
        planForTheseValues(); // before the conditions, whose namesakes count is planned for its values too
        Map<String, Object> params = new LinkedHashMap<>();
        Conditions conditions = conditions(query, caller, params);
        String where = conditions.where();
        int size = Math.clamp(query.size(), 1, MAX_PAGE_SIZE);
        int page = Math.max(query.page(), 0);
        // Only the whitelisted orders, each read along an index ((village_code, id), the primary key), reach the SQL.
        String order = switch (query.sort() == null ? "" : query.sort()) {
            case "newest" -> "h.id desc";
            case "oldest" -> "h.id";
            default -> "h.village_code, h.id";
        };
        String namesakes = conditions.manyNamesakes();
        NamesakesRead read = namesakes == null ? null : readNamesakes(namesakes, params);
        // Counted as far as is useful to tell, not further: a county of 300,000 households says "10,000+".
        long total = read == null || read.households() < 0 ? -1 : read.households();
        if (total < 0) {
            total = jdbc.sql("select count(*) from (select 1 from household h where " + where + " limit "
                    + (COUNTED + 1) + ") matching").params(params).query(Long.class).single();
        }
        long offset = (long) page * size;
        String pageWhere = conditions.pageWhere();
        if (read != null && read.all()) {
            // Some thousands of namesakes (梁, 何 in a large county): the page's households are chosen in the page's
            // order from the name index, which has their village and household, and only they are read, within the
            // caller's areas (the namesakes' condition already held). Walking the county's households for the few
            // that have a namesake, or reading every namesake's household to sort them, took 50-130 ms; a surname of
            // 90,000 namesakes is met soon on the walk, as before.
            String byMember = order.replace("h.village_code", "m.village_code").replace("h.id", "m.household_id");
            Long[] chosen = jdbc.sql("select distinct m.village_code, m.household_id from member m where " + namesakes
                            + " order by " + byMember + " limit :limit offset :offset")
                    .params(params).param("limit", size + 1).param("offset", offset)
                    .query((rs, i) -> rs.getLong("household_id")).list().toArray(Long[]::new);
            params.put("chosen", chosen);
            pageWhere = conditions.scope() + " and h.id = any(:chosen)";
            offset = 0;
        }
        // The page's households are chosen first, and only they get their details, head, size and income: rows
        // skipped by the offset cost an index entry each, read from the index alone, not a row of the table and three
        // lookups (a county's page 4,000 read 200,000 households' rows: 400 ms; from the index alone, 50 ms).
        List<HouseholdSummary> rows = jdbc.sql("""
                select h.id, h.village_code, h.category, h.status, h.main_cause, h.external_ref,
                       head.name as head_name, head.id_number as head_id,
                       (select count(*) from member m where m.household_id = h.id) as members,
                       income.year as income_year, income.amount as income
                  from (select h.id, h.county_code from household h
                """ + " where " + pageWhere + " order by " + order + """
                         limit :limit offset :offset) page
                  join household h on h.id = page.id and h.county_code = page.county_code
                  left join member head on head.household_id = h.id and head.relation = 'HEAD'
                  left join lateral (select year, amount from household_income i where i.household_id = h.id
                                      order by year desc limit 1) income on true
                """ + " order by " + order)
                .params(params).param("limit", size + 1).param("offset", offset)
                .query((rs, i) -> new HouseholdSummary(rs.getLong("id"), rs.getString("village_code"), null,
                        rs.getString("head_name"), disclosure.idNumber(rs.getString("head_id"), rs.getString("village_code")),
                        rs.getInt("members"), Household.Category.valueOf(rs.getString("category")),
                        Household.Status.valueOf(rs.getString("status")), rs.getString("main_cause"),
                        (Integer) rs.getObject("income_year"), rs.getBigDecimal("income"), rs.getString("external_ref")))
                .list();
        boolean more = rows.size() > size;
        List<HouseholdSummary> pageRows = rows.subList(0, Math.min(size, rows.size()));
        Map<String, Area> villages = areas.findAll(pageRows.stream().map(HouseholdSummary::villageCode).toList());
        List<HouseholdSummary> shown = pageRows.stream()
                .map(row -> new HouseholdSummary(row.id(), row.villageCode(),
                        villages.containsKey(row.villageCode()) ? villages.get(row.villageCode()).fullName() : row.villageCode(), row.headName(),
                        row.headIdNumber(), row.members(), row.category(), row.status(), row.mainCause(), row.incomeYear(), row.income(),
                        row.externalRef()))
                .toList();
        return new Page(shown, page, size, more, total);
    }

    /**
     * What a bounded read of many namesakes (a condition on {@code member m}) from the name index alone tells: how
     * many households they live in, up to {@link #COUNTED} + 1, or -1 where it cannot tell; and whether every namesake
     * was read.
     */
    private record NamesakesRead(long households, boolean all) {
    }

    /**
     * Reads at most twice {@link #COUNTED} namesakes from the name index alone. A surname such as 李 has some 90,000
     * namesakes in a large county, and counting their households from the households' side read all of them (a
     * second of the database's time per search under load). Twice {@link #COUNTED} namesakes in more than
     * {@link #COUNTED} households already say "10,000+"; all of them read say the number. Many namesakes in few
     * households cannot tell: their households are then counted in full.
     */
    private NamesakesRead readNamesakes(String namesakes, Map<String, Object> params) {
        int bound = 2 * (COUNTED + 1);
        long[] read = jdbc.sql("select count(*), count(distinct household_id) from (select m.household_id from member m where "
                        + namesakes + " limit " + bound + ") namesakes").params(params)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        boolean all = read[0] < bound;
        return new NamesakesRead(all || read[1] > COUNTED ? Math.min(read[1], COUNTED + 1) : -1, all);
    }

    /**
     * Has the search statement planned for the values it runs with, in this transaction only. Once pgjdbc prepares
     * it on the server (5th run on a connection), PostgreSQL switches to a generic plan after 5 more if that plan's
     * estimate looks no worse; but one statement serves a village of 300 households and a county of 100,000, a
     * rare name and a common one, so no single plan fits: the generic plan took 170-240 ms per village page where
     * the plan for the values takes 1.2 ms (issue 11, item 15). Planning each time costs well under a
     * millisecond. SET LOCAL keeps the pool's connections as they were for every other statement, unlike
     * prepareThreshold=0 or a setting on the role; inlining the values as literals would fill pgjdbc's statement
     * cache with one entry per input.
     *
     * <p>And without parallel workers: a page of 21 households is a few milliseconds' walk of an index, and the
     * planner, weighing a county's 300,000, would start two workers for it; their start cost more than the walk
     * (a surname's page: 17 ms with workers, 3.8 ms without), and under load the workers' processes compete for the
     * same cores as the requests they were to speed up.
     */
    private void planForTheseValues() {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true)").query().listOfRows();
    }

    /**
     * The SQL condition on {@code household h} of a query, and the same for the page (see {@code offset 0} there); the
     * caller's areas alone; and where the query names many namesakes and nothing but areas besides, their condition on
     * {@code member m}, which then tells every condition (else null).
     */
    private record Conditions(String where, String pageWhere, String scope, String manyNamesakes) {
    }

    /** The SQL conditions of a query inside the caller's areas, their parameters put in {@code params}. */
    private Conditions conditions(Query query, Caller caller, Map<String, Object> params) {
        String manyNamesakes = null;
        String walk = null; // the check for a namesake, household by household
        Caller.Restriction scope = caller.restrict("h.village_code", "scope", "h.county_code");
        List<String> conditions = new ArrayList<>(List.of(scope.sql()));
        params.putAll(scope.parameters());
        if (notBlank(query.areaCode())) {
            if (!query.areaCode().strip().matches("\\d{1,12}")) {
                throw DomainException.invalid(List.of(new DomainException.FieldProblem("area", "format", "audit.area.format", query.areaCode())));
            }
            // The codes the area begins, as a range (see Caller.restrict: planned in microseconds, unlike a pattern).
            conditions.add("h.village_code >= :area and h.village_code < :areaEnd");
            params.put("area", query.areaCode().strip());
            params.put("areaEnd", query.areaCode().strip() + ":");
        }
        if (notBlank(query.name())) {
            // A name matches by its beginning ("李" finds 李四), served by the (name text_pattern_ops, village_code)
            // index whatever the database's collation. The member is narrowed by area too, so that the index finds
            // the namesakes of the area alone, not of the whole country (measured by RegistryQueryBenchmark).
            Caller.Restriction memberScope = caller.restrict("m.village_code", "memberScope", "m.county_code");
            String namesakes = "m.name like :name and " + memberScope.sql()
                    + (params.containsKey("area") ? " and m.village_code >= :area and m.village_code < :areaEnd" : "");
            params.putAll(memberScope.parameters());
            params.put("name", likePrefix(query.name().strip()));
            // Which way round is counted, not estimated: with a rare name the planner, estimating a few hundred
            // namesakes, may walk a county's households in order to meet 21 of them, and read all 280,000 (seconds,
            // seen under load). Few namesakes are read by the name index and sorted; many are met soon on the walk.
            long found = jdbc.sql("select count(*) from (select 1 from member m where " + namesakes + " limit "
                    + MANY_NAMESAKES + ") namesakes").params(params).query(Long.class).single();
            String perHousehold = "exists (select 1 from member m where m.household_id = h.id and " + namesakes;
            conditions.add(found < MANY_NAMESAKES
                    ? "h.id = any(array(select m.household_id from member m where " + namesakes + "))"
                    : perHousehold + ")");
            manyNamesakes = found < MANY_NAMESAKES ? null : namesakes;
            walk = found < MANY_NAMESAKES ? null : perHousehold;
        }
        if (notBlank(query.idNumber())) {
            conditions.add("exists (select 1 from member m where m.household_id = h.id and m.id_number = :idNumber)");
            params.put("idNumber", query.idNumber().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (notBlank(query.externalRef())) {
            // Exactly as the office wrote it: the reference leads the unique index, so this is one index lookup.
            conditions.add("h.external_ref = :externalRef");
            params.put("externalRef", query.externalRef().strip());
        }
        if (query.status() != null) {
            conditions.add("h.status = :status");
            params.put("status", query.status().name());
        }
        if (notBlank(query.cause())) {
            conditions.add("(h.main_cause = :cause or :cause = any(h.other_causes))");
            params.put("cause", query.cause().strip());
        }
        if (query.incomeYear() != null && (query.incomeMin() != null || query.incomeMax() != null)) {
            conditions.add("exists (select 1 from household_income i where i.household_id = h.id and i.year = :year"
                    + " and i.amount >= :min and i.amount <= :max)");
            params.put("year", query.incomeYear());
            params.put("min", query.incomeMin() == null ? BigDecimal.ZERO : query.incomeMin());
            params.put("max", query.incomeMax() == null ? HouseholdValidation.MAX_INCOME : query.incomeMax());
        }
        // The scope, the area if any, and the name: nothing that only the household's row tells.
        boolean byNameAlone = conditions.size() == (params.containsKey("area") ? 3 : 2);
        String where = String.join(" and ", conditions);
        // The page walks the households in the list's order and stops at the page's end; the planner, not knowing
        // that the namesakes are met soon, would rather hash every namesake and read every household of the county
        // (吴, 25,781 namesakes: 190 ms against a few). OFFSET 0 keeps the check a check per household; the count,
        // which may have to go through them all, is left to the planner.
        String pageWhere = walk == null ? where : where.replace(walk + ")", walk + " offset 0)");
        return new Conditions(where, pageWhere, scope.sql(), byNameAlone ? manyNamesakes : null);
    }

    /** A LIKE pattern for the names that begin with {@code prefix}, its wildcards taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Override
    @Transactional(readOnly = true) // a cursor: the rows come as they are read, not all at once
    public void forEach(Query query, java.util.function.Consumer<Household> each) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        planForTheseValues(); // before the conditions, whose namesakes count is planned for its values too
        Map<String, Object> params = new LinkedHashMap<>();
        String where = conditions(query, caller, params).where();
        org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        cursor.setFetchSize(500);
        Map<String, String> villageNames = new java.util.HashMap<>();
        HouseholdDisclosure disclosure = HouseholdDisclosure.to(caller);
        org.springframework.jdbc.core.simple.JdbcClient.create(cursor).sql("""
                select h.*,
                       (select coalesce(json_agg(json_build_object('year', i.year, 'amount', i.amount)), '[]')
                          from household_income i where i.household_id = h.id)::text as incomes,
                       (select coalesce(json_agg(m.* order by m.relation <> 'HEAD', m.birth_date, m.id), '[]')
                          from member m where m.household_id = h.id)::text as members
                  from household h
                """ + " where " + where + " order by h.village_code, h.id")
                .params(params)
                .query(rs -> {
                    String village = rs.getString("village_code");
                    String villageName = villageNames.computeIfAbsent(village, this::villageName);
                    each.accept(disclosure.household(household(rs, villageName, incomes(rs.getString("incomes")),
                            members(rs.getString("members")))));
                });
    }

    /** A form that passed every check. */
    private record Checked(Household.Category category, List<CheckedMember> members) {
    }

    /** All the checks of a form, refused with every problem at once; {@code self} is the household being changed. */
    private Checked check(HouseholdForm form, Long self) {
        HouseholdValidation validation = new HouseholdValidation();
        Household.Category category = validation.category(form.category());
        validation.circumstances(form);
        List<CheckedMember> members = validation.members(form.members());
        if (validation.safeForQueries()) { // a NUL or an endless list is refused as it is, not looked up
            checkStored(validation, form, members, self);
        }
        validation.refuseIfAny();
        return new Checked(category, members);
    }

    /** The village must exist, be active and be inside the caller's areas; causes must be on the list; people must be new. */
    private void checkStored(HouseholdValidation validation, HouseholdForm form, List<CheckedMember> members, Long self) {
        String village = form.villageCode() == null ? "" : form.villageCode().strip();
        Optional<Area> area = areas.find(village).filter(a -> a.level() == AreaLevel.VILLAGE && !a.retired());
        if (area.isEmpty() || !Caller.required().reaches(village)) {
            validation.add("villageCode", "unknown", "household.village.unknown", village);
        }
        List<String> causes = new ArrayList<>(form.otherCauses() == null ? List.of() : form.otherCauses());
        if (notBlank(form.mainCause())) {
            causes.add(form.mainCause());
        }
        if (!causes.isEmpty()) {
            List<String> known = jdbc.sql("select code from poverty_cause where code = any(:codes)")
                    .param("codes", causes.toArray(String[]::new)).query(String.class).list();
            causes.stream().filter(c -> !known.contains(c)).distinct()
                    .forEach(c -> validation.add(c.equals(form.mainCause()) ? "mainCause" : "otherCauses", "unknown",
                            "household.cause.unknown", c));
        }
        if (notBlank(form.externalRef())) {
            // Unique within the county: another household of it holding the number (whoever may see it) is named by
            // the field alone, as the unique index would refuse it.
            boolean taken = jdbc.sql("""
                    select exists (select 1 from household where external_ref = :ref and county_code = left(:village, 6)
                                                             and id is distinct from :self)""")
                    .param("ref", form.externalRef().strip()).param("village", village).param("self", self, java.sql.Types.BIGINT)
                    .query(Boolean.class).single();
            if (taken) {
                validation.add("externalRef", "taken", "household.external-ref.taken", form.externalRef().strip());
            }
        }
        Caller caller = Caller.required();
        for (int i = 0; i < members.size(); i++) {
            CheckedMember member = members.get(i);
            int index = form.members().indexOf(member.form());
            jdbc.sql("select m.household_id, m.village_code from member m where m.id_number = :id")
                    .param("id", member.id().value())
                    .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2))).optional()
                    .filter(holder -> !holder.getKey().equals(self))
                    .ifPresent(holder -> {
                        if (caller.reaches(holder.getValue())) {
                            // The household named as the pages show it: its head, ID number masked, and village.
                            Map.Entry<String, String> head = jdbc.sql("select name, id_number from member where household_id = :id"
                                            + " and relation = 'HEAD'").param("id", holder.getKey())
                                    .query((rs, row) -> Map.entry(rs.getString(1), new ResidentId(rs.getString(2)).masked()))
                                    .optional().orElse(Map.entry("", ""));
                            validation.add("members[" + index + "].idNumber", "registered", "member.id.registered-with",
                                    member.id().masked(), head.getKey(), head.getValue(), villageName(holder.getValue()));
                        } else {
                            validation.add("members[" + index + "].idNumber", "registered", "member.id.registered-elsewhere",
                                    member.id().masked());
                        }
                    });
        }
    }

    private void writeMembersAndIncomes(long id, HouseholdForm form, List<CheckedMember> members, MemberMovements.Moves moves) {
        String village = form.villageCode().strip();
        String[] kept = members.stream().map(m -> m.id().value()).toArray(String[]::new);
        OffsetDateTime now = OffsetDateTime.now(clock);
        moves.leaving().forEach(leave -> movements.event(leave.member().id(), "LEAVE", leave.reason().name(), leave.day(), null,
                null, now));
        jdbc.sql("delete from member where household_id = :id and id_number <> all(:kept)")
                .param("id", id).param("kept", kept).update();
        jdbc.sql("delete from person where household_id = :id and id_number <> all(:kept)")
                .param("id", id).param("kept", kept).update();
        // The head changes last, so that the one-head index never sees two at once.
        jdbc.sql("update member set relation = 'OTHER' where household_id = :id").param("id", id).update();
        for (CheckedMember member : members) {
            HouseholdForm.MemberForm m = member.form();
            int written;
            try {
                written = jdbc.sql("""
                        insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date,
                                            ethnicity, education, schooling, health, disability_grade, work_ability, skills,
                                            migrant_place, migrant_months, joined_on, join_reason)
                        values (:household, :village, left(:village, 6), :name, :idNumber, :relation, :sex, :birthDate, :ethnicity, :education,
                                :schooling, :health, :disabilityGrade, :workAbility, :skills, :migrantPlace, :migrantMonths,
                                :joinedOn, :joinReason)
                        on conflict (id_number, county_code) do update
                           set village_code = excluded.village_code, name = excluded.name, relation = excluded.relation,
                               ethnicity = excluded.ethnicity, education = excluded.education, schooling = excluded.schooling,
                               health = excluded.health, disability_grade = excluded.disability_grade,
                               work_ability = excluded.work_ability, skills = excluded.skills,
                               migrant_place = excluded.migrant_place, migrant_months = excluded.migrant_months
                         where member.household_id = excluded.household_id""")
                        .param("household", id).param("village", village).param("name", m.name().strip())
                        .param("idNumber", member.id().value())
                        .param("relation", member.relation() == Member.Relation.HEAD ? "OTHER" : member.relation().name())
                        .param("sex", member.id().sex().name()).param("birthDate", member.id().birthDate())
                        .param("ethnicity", blankToNull(m.ethnicity())).param("education", blankToNull(m.education()))
                        .param("schooling", blankToNull(m.schooling())).param("health", member.health().name())
                        .param("disabilityGrade", m.disabilityGrade()).param("workAbility", blankToNull(m.workAbility()))
                        .param("skills", blankToNull(m.skills())).param("migrantPlace", blankToNull(m.migrantPlace()))
                        .param("migrantMonths", m.migrantMonths())
                        .param("joinedOn", moves.joinedOn(member), java.sql.Types.DATE)
                        .param("joinReason", moves.joinReason(member), java.sql.Types.VARCHAR)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new DomainException(DomainException.Kind.CONFLICT, "member.id.registered-elsewhere", member.id().masked());
            }
            // The person index holds the number nationally: nothing written there, it is another household's.
            if (written > 0) {
                written = changes.person(member.id().value(), id);
            }
            // Nothing written: the number belongs to another household, registered since the check above (a
            // concurrent save). Skipping the person silently could leave the household without its head.
            if (written == 0) {
                String field = "members[" + form.members().indexOf(m) + "].idNumber";
                throw new DomainException(DomainException.Kind.CONFLICT,
                        List.of(new DomainException.FieldProblem(field, "registered", "member.id.registered-meanwhile",
                                m.name().strip(), member.id().masked())),
                        "member.id.registered-meanwhile", m.name().strip(), member.id().masked());
            }
        }
        String head = members.stream().filter(m -> m.relation() == Member.Relation.HEAD).findFirst().orElseThrow().id().value();
        jdbc.sql("update member set relation = 'HEAD' where household_id = :id and id_number = :head")
                .param("id", id).param("head", head).update();
        moves.joining().forEach(join -> movements.event(jdbc.sql("select id from member where id_number = :id")
                .param("id", join.member().id().value()).query(Long.class).single(), "JOIN", join.reason().name(), join.day(),
                null, null, now));
        // Incomes are changed in place, never removed: a year left out of the form is kept (see HouseholdForm).
        Map<Integer, BigDecimal> incomes = form.incomes() == null ? Map.of() : form.incomes();
        incomes.forEach((year, amount) -> jdbc.sql("""
                        insert into household_income (household_id, county_code, year, amount)
                        values (:id, (select county_code from household where id = :id), :year, :amount)
                        on conflict (household_id, county_code, year) do update set amount = excluded.amount""")
                .param("id", id).param("year", year).param("amount", amount).update());
        changes.changed(new Long[] {id});
    }

    private Optional<Household> find(long id) {
        Optional<Household> household = jdbc.sql("select * from household where id = :id").param("id", id)
                .query((rs, i) -> household(rs)).optional();
        return household;
    }

    private Household household(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        TreeMap<Integer, BigDecimal> incomes = new TreeMap<>();
        jdbc.sql("select year, amount from household_income where household_id = :id").param("id", id)
                .query((r, i) -> incomes.put(r.getInt(1), r.getBigDecimal(2))).list();
        List<Member> members = jdbc.sql("select * from member where household_id = :id order by relation <> 'HEAD', birth_date, id")
                .param("id", id).query((r, i) -> member(r)).list();
        Household household = household(rs, villageName(rs.getString("village_code")), incomes, members);
        if (household.headName() != null) {
            return household;
        }
        // Without members (merged into another): named by the head it had last.
        String lastHead = movements.lastHead(id);
        return new Household(household.id(), household.villageCode(), household.villageName(), household.groupName(),
                household.address(), household.phone(), household.category(), household.status(), household.mainCause(),
                household.otherCauses(), household.housingGrade(), household.safeWater(), household.production(),
                household.bankAccount(), household.registeredYear(), household.incomes(), household.members(),
                household.version(), household.createdAt(), household.updatedAt(), household.externalRef(), lastHead,
                household.formedOn(), household.formedFrom(), household.endedOn(), household.mergedInto());
    }

    private static Household household(ResultSet rs, String villageName, java.util.SortedMap<Integer, BigDecimal> incomes,
                                       List<Member> members) throws SQLException {
        Array causes = rs.getArray("other_causes");
        return new Household(rs.getLong("id"), rs.getString("village_code"), villageName, rs.getString("group_name"),
                rs.getString("address"), rs.getString("phone"), Household.Category.valueOf(rs.getString("category")),
                Household.Status.valueOf(rs.getString("status")), rs.getString("main_cause"),
                List.of((String[]) causes.getArray()), rs.getString("housing_grade"), (Boolean) rs.getObject("safe_water"),
                rs.getString("production"), rs.getString("bank_account"), (Integer) rs.getObject("registered_year", Integer.class),
                incomes, members, rs.getInt("version"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("external_ref"),
                members.stream().filter(m -> m.relation() == Member.Relation.HEAD).map(Member::name).findFirst().orElse(null),
                rs.getObject("formed_on", LocalDate.class), (Long) rs.getObject("formed_from", Long.class),
                rs.getObject("ended_on", LocalDate.class), (Long) rs.getObject("merged_into", Long.class));
    }

    /** Incomes as {@code json_agg} gives them: [{"year", "amount"}]. */
    private java.util.SortedMap<Integer, BigDecimal> incomes(String text) {
        TreeMap<Integer, BigDecimal> incomes = new TreeMap<>();
        for (tools.jackson.databind.JsonNode income : json.readTree(text)) {
            incomes.put(income.get("year").asInt(), income.get("amount").decimalValue());
        }
        return incomes;
    }

    /** Members as {@code json_agg} gives their rows: the columns by name. */
    private List<Member> members(String text) {
        List<Member> members = new ArrayList<>();
        for (tools.jackson.databind.JsonNode m : json.readTree(text)) {
            members.add(new Member(m.get("id").asLong(), m.get("name").asString(), m.get("id_number").asString(),
                    Member.Relation.valueOf(m.get("relation").asString()), ResidentId.Sex.valueOf(m.get("sex").asString()),
                    java.time.LocalDate.parse(m.get("birth_date").asString()), text(m, "ethnicity"), text(m, "education"),
                    text(m, "schooling"), Member.Health.valueOf(m.get("health").asString()), number(m, "disability_grade"),
                    text(m, "work_ability"), text(m, "skills"), text(m, "migrant_place"), number(m, "migrant_months"),
                    text(m, "joined_on") == null ? null : LocalDate.parse(text(m, "joined_on")),
                    text(m, "join_reason") == null ? null : Member.JoinReason.valueOf(text(m, "join_reason"))));
        }
        return members;
    }

    private static String text(tools.jackson.databind.JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull() ? null : node.get(field).asString();
    }

    private static Integer number(tools.jackson.databind.JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull() ? null : node.get(field).asInt();
    }

    private static Member member(ResultSet r) throws SQLException {
        return new Member(r.getLong("id"), r.getString("name"), r.getString("id_number"),
                Member.Relation.valueOf(r.getString("relation")), ResidentId.Sex.valueOf(r.getString("sex")),
                r.getObject("birth_date", java.time.LocalDate.class), r.getString("ethnicity"), r.getString("education"),
                r.getString("schooling"), Member.Health.valueOf(r.getString("health")),
                r.getObject("disability_grade", Integer.class), r.getString("work_ability"), r.getString("skills"),
                r.getString("migrant_place"), r.getObject("migrant_months", Integer.class),
                r.getObject("joined_on", LocalDate.class),
                r.getString("join_reason") == null ? null : Member.JoinReason.valueOf(r.getString("join_reason")));
    }

    private String villageName(String code) {
        return areas.find(code).map(Area::fullName).orElse(code);
    }

    private static Map<String, Object> columns(HouseholdForm form, Household.Category category) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("village", form.villageCode().strip());
        columns.put("group", blankToNull(form.groupName()));
        columns.put("address", blankToNull(form.address()));
        columns.put("phone", blankToNull(form.phone()));
        columns.put("category", category.name());
        columns.put("mainCause", blankToNull(form.mainCause()));
        columns.put("otherCauses", (form.otherCauses() == null ? List.<String>of() : form.otherCauses()).toArray(String[]::new));
        columns.put("housingGrade", blankToNull(form.housingGrade()));
        columns.put("safeWater", form.safeWater());
        columns.put("production", blankToNull(form.production()));
        columns.put("bankAccount", blankToNull(form.bankAccount()));
        columns.put("registeredYear", form.registeredYear());
        columns.put("externalRef", blankToNull(form.externalRef()));
        return columns;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
