package org.jingzhun.registry.internal;

import java.util.List;
import java.util.Map;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's bulk entry ({@link HouseholdEntries}): what others staged is checked as a whole, then written with one
 * statement per table, so that a reader finds each table's write in one place (and what follows it, such as the status
 * history the household's trigger writes). The rules checked here are those a form's household meets once its rows
 * passed {@link org.jingzhun.registry.HouseholdRules}: the staging module applies those to each row before it stages.
 */
@Service
class RegisterBulkEntry implements HouseholdEntries {

    private static final Logger log = LoggerFactory.getLogger(RegisterBulkEntry.class);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final RegistryChangeLog changes;

    RegisterBulkEntry(JdbcClient jdbc, AuditTrail audit, RegistryChangeLog changes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.changes = changes;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY) // temporary tables live as long as the caller's transaction
    public void stage() {
        for (String table : List.of(HOUSEHOLDS, MEMBERS, INCOMES, REFERENCES)) {
            jdbc.sql("drop table if exists " + table).update(); // an entry before in the same transaction
        }
        // Ids come from the household table's sequence as rows are staged, as the form's inserts take theirs.
        jdbc.sql("""
                create temp table entry_household (
                    household_key   text primary key,
                    village_code    varchar(12) collate "C" not null,
                    group_name      text,
                    address         text,
                    phone           text,
                    category        text not null,
                    status          text not null default 'CANDIDATE',
                    main_cause      text,
                    other_causes    text[] not null default '{}',
                    housing_grade   text,
                    safe_water      boolean,
                    production      text,
                    bank_account    text,
                    registered_year smallint,
                    external_ref    text,
                    id              bigint not null default nextval(pg_get_serial_sequence('household', 'id'))
                ) on commit drop""").update();
        jdbc.sql("""
                create temp table entry_member (
                    household_key    text not null,
                    position         integer not null default 0,
                    name             text not null,
                    id_number        varchar(18) collate "C" not null,
                    relation         text not null,
                    sex              text not null,
                    birth_date       date not null,
                    ethnicity        text,
                    education        text,
                    schooling        text,
                    health           text,
                    disability_grade smallint,
                    work_ability     text,
                    skills           text,
                    migrant_place    text,
                    migrant_months   smallint
                ) on commit drop""").update();
        jdbc.sql("create temp table entry_income (household_key text not null, year smallint not null,"
                + " amount numeric(12, 2) not null) on commit drop").update();
        jdbc.sql("create temp table entry_reference (id_number varchar(18) collate \"C\" not null, external_ref text not null)"
                + " on commit drop").update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Entered enter(String action, String reason, boolean auditEach, String label) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.ADMINISTRATOR);
        long started = System.nanoTime();
        jdbc.sql("analyze " + HOUSEHOLDS).update();
        jdbc.sql("analyze " + MEMBERS).update();
        check(caller);
        took(label, "entry-checks", started);

        started = System.nanoTime();
        int households;
        try {
            households = writeHouseholds();
        } catch (DuplicateKeyException e) {
            throw new DomainException(DomainException.Kind.CONFLICT, "household.external-ref.taken", "");
        }
        took(label, "households", started);
        // The foreign keys of members and incomes are then checked with plans made on the table as it now is: a plan
        // cached while it was nearly empty scans it whole for every row (a test saw hours for 100,000 members).
        jdbc.sql("select maintenance_analyze('household')").query().singleRow(); // the owner's ANALYZE (V22)
        started = System.nanoTime();
        int members;
        try {
            members = writeMembers();
        } catch (DuplicateKeyException e) {
            // The transaction is aborted: the person can no longer be looked up. Only a race with another entry gets here.
            throw new DomainException(DomainException.Kind.CONFLICT, "member.id.registered-elsewhere", "");
        }
        took(label, "members", started);
        started = System.nanoTime();
        int incomes = writeIncomes();
        took(label, "incomes", started);
        started = System.nanoTime();
        try {
            // Each household's first status row, its members in the person index, its village for the statistics.
            changes.recordedWhere("h.id in (select id from " + HOUSEHOLDS + ")");
        } catch (DuplicateKeyException e) {
            // The transaction is aborted: the person can no longer be looked up. Only a race with another entry gets here.
            throw new DomainException(DomainException.Kind.CONFLICT, "member.id.registered-elsewhere", "");
        }
        took(label, "registry-rows", started);
        if (auditEach) {
            started = System.nanoTime();
            auditHouseholds(action, reason);
            took(label, "audit", started);
        }
        return new Entered(households, members, incomes);
    }

    /** The form's rules over the whole staging, each a refusal of the entry naming its first case. */
    private void check(Caller caller) {
        Caller.Restriction scope = caller.restrict("h.village_code");
        refuseAny("select h.village_code from " + HOUSEHOLDS + " h left join area a on a.code = h.village_code"
                        + " and a.level = 5 and a.retired_at is null where a.code is null or not (" + scope.sql() + ")",
                scope.parameters(), "villageCode", "unknown", "household.village.unknown");
        refuseAny("select h.status from " + HOUSEHOLDS + " h where h.status not in ('CANDIDATE', 'NON_POOR', 'REGISTERED')"
                        + " or (h.status = 'REGISTERED' and h.registered_year is null)",
                Map.of(), "status", "not-allowed", "household.status.not-allowed");
        refuseAny("select coalesce(c.heads, 0)::text from " + HOUSEHOLDS + " h left join (select household_key,"
                        + " count(*) filter (where relation = 'HEAD') as heads from " + MEMBERS + " group by household_key) c"
                        + " on c.household_key = h.household_key where coalesce(c.heads, 0) <> 1",
                Map.of(), "relation", "one-head", "household.members.one-head");
        refuseAny("select " + HouseholdValidation.MAX_MEMBERS + "::text from " + MEMBERS + " group by household_key"
                        + " having count(*) > " + HouseholdValidation.MAX_MEMBERS,
                Map.of(), "members", "too-many", "household.members.too-many");
        refuseAny("select m.household_key from " + MEMBERS + " m where not exists (select 1 from " + HOUSEHOLDS
                        + " h where h.household_key = m.household_key)"
                        + " union all select i.household_key from " + INCOMES + " i where not exists (select 1 from "
                        + HOUSEHOLDS + " h where h.household_key = i.household_key)",
                Map.of(), "household", "unknown", "household.not-found");
        refuseAny("select h.external_ref from " + HOUSEHOLDS + " h where h.external_ref is not null and exists (select 1"
                        + " from household x where x.external_ref = h.external_ref and x.county_code = left(h.village_code, 6))"
                        + " union all select external_ref from " + HOUSEHOLDS + " where external_ref is not null"
                        + " group by external_ref, left(village_code, 6) having count(*) > 1",
                Map.of(), "externalRef", "taken", "household.external-ref.taken");
        // A person registered already is left to the person index's key: it answers at the write, where a check here
        // would probe it once more for every member of a large file.
    }

    /**
     * Refuses the entry when the query finds a row, naming its least value. Without a limit: a {@code limit 1} made the
     * planner walk the households' key in order and scan the members for each (17 minutes for 97,000 households).
     */
    private void refuseAny(String query, Map<String, Object> parameters, String field, String code, String key) {
        String found = jdbc.sql("select min(found) from (" + query + ") q (found)").params(parameters)
                .query(String.class).optional().orElse(null);
        if (found != null) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem(field, code, key, found)));
        }
    }

    /** The households, each in its village's county; their first status rows follow with the person index. */
    private int writeHouseholds() {
        return jdbc.sql("""
                insert into household (id, village_code, county_code, group_name, address, phone, category, status,
                                       main_cause, other_causes, housing_grade, safe_water, production, bank_account,
                                       registered_year, external_ref, created_at, updated_at)
                select s.id, s.village_code, left(s.village_code, 6), s.group_name, s.address, s.phone, s.category, s.status, s.main_cause,
                       s.other_causes, s.housing_grade, s.safe_water, s.production, s.bank_account, s.registered_year,
                       s.external_ref, :now, :now
                  from pg_temp.entry_household s order by s.id""")
                .param("now", ChinaClock.now()).update();
    }

    /** The members, each at their household's village; joined with the household, so no member event of their own. */
    private int writeMembers() {
        return jdbc.sql("""
                insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date,
                                    ethnicity, education, schooling, health, disability_grade, work_ability, skills,
                                    migrant_place, migrant_months)
                select h.id, h.village_code, left(h.village_code, 6), m.name, m.id_number, m.relation, m.sex, m.birth_date, m.ethnicity, m.education,
                       m.schooling, coalesce(m.health, 'HEALTHY'), m.disability_grade, m.work_ability, m.skills,
                       m.migrant_place, m.migrant_months
                  from pg_temp.entry_member m join pg_temp.entry_household h on h.household_key = m.household_key
                 order by h.id, m.position""").update();
    }

    /** The incomes per capita by year. */
    private int writeIncomes() {
        return jdbc.sql("""
                insert into household_income (household_id, county_code, year, amount)
                select h.id, left(h.village_code, 6), i.year, i.amount
                  from pg_temp.entry_income i join pg_temp.entry_household h on h.household_key = i.household_key""")
                .update();
    }

    /** One audit entry per household, as the form's creation records it: the household with its members and incomes. */
    private void auditHouseholds(String action, String reason) {
        audit.stage();
        jdbc.sql("""
                insert into pg_temp.audit_staged (entity_id, area_code, after)
                select h.id::text as entity_id, h.village_code as area_code,
                       jsonb_build_object('id', h.id, 'villageCode', h.village_code, 'groupName', h.group_name,
                                          'address', h.address, 'category', h.category, 'status', h.status,
                                          'mainCause', h.main_cause, 'otherCauses', h.other_causes,
                                          'housingGrade', h.housing_grade, 'safeWater', h.safe_water,
                                          'registeredYear', h.registered_year, 'externalRef', h.external_ref,
                                          'incomes', coalesce(i.incomes, '{}'::jsonb), 'members', m.members) as after
                  from pg_temp.entry_household h
                  join (select household_key,
                               jsonb_agg(jsonb_build_object('name', name, 'idNumber', id_number, 'relation', relation,
                                                            'sex', sex, 'birthDate', birth_date) order by position) as members
                          from pg_temp.entry_member group by household_key) m on m.household_key = h.household_key
                  left join (select household_key, jsonb_object_agg(year::text, amount) as incomes
                               from pg_temp.entry_income group by household_key) i on i.household_key = h.household_key
                 order by h.id""").update();
        audit.recordStaged("household", action, reason);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int giveReferences(String reason) {
        Caller.required().requireAny(Role.DATA_ENTRY, Role.ADMINISTRATOR);
        jdbc.sql("drop table if exists pg_temp.entry_referred").update();
        int given = jdbc.sql("""
                create temp table entry_referred on commit drop as
                select distinct on (h.id) h.id, h.village_code, r.external_ref
                  from pg_temp.entry_reference r join member m on m.id_number = r.id_number join household h on h.id = m.household_id
                 where h.external_ref is null
                   and not exists (select 1 from household x where x.external_ref = r.external_ref
                                                          and x.county_code = h.county_code)
                 order by h.id""").update();
        if (given == 0) {
            return 0;
        }
        jdbc.sql("""
                update household h set external_ref = g.external_ref, version = h.version + 1, updated_at = :now
                  from pg_temp.entry_referred g where h.id = g.id""")
                .param("now", ChinaClock.now()).update();
        audit.stage();
        jdbc.sql("""
                insert into pg_temp.audit_staged (entity_id, area_code, after)
                select id::text, village_code, jsonb_build_object('externalRef', external_ref) from pg_temp.entry_referred
                 order by id""").update();
        audit.recordStaged("household", "reference", reason);
        return given;
    }

    /** Logs how long a step took: where the time of a large entry goes. */
    private static void took(String label, String step, long started) {
        log.info("{}: {} in {} ms", label, step, (System.nanoTime() - started) / 1_000_000);
    }
}
