package org.jingzhun.registry.internal;

import java.util.List;
import java.util.TreeSet;

import org.jingzhun.registry.HouseholdsWritten;
import org.jingzhun.registry.RegistryChanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows the registry writes beside its households in the same transaction, set-based: the first status row of a
 * household recorded, the person index of its members, and the villages changed (registry_change, V80), which the
 * statistics take. Whatever writes households (the register, imports, the demonstration data, a bulk entry) calls it.
 */
@Service
class RegistryChangeLog implements HouseholdsWritten, RegistryChanges {

    /** The households chosen by a condition on household {@code h}, with its parameters. */
    private static final String FIRST_STATUS = """
            insert into household_status_event (household_id, county_code, day, year, from_status, to_status, recorded_at)
            select h.id, h.county_code, (h.created_at at time zone 'Asia/Shanghai')::date,
                   case when h.status not in ('NON_POOR', 'CANDIDATE') and h.registered_year is not null then h.registered_year
                        else extract(year from h.created_at at time zone 'Asia/Shanghai') end,
                   null, h.status, h.created_at
              from household h where %s order by h.id""";
    private static final String PERSONS = """
            insert into person (id_number, county_code, household_id, member_id)
            select m.id_number, m.county_code, m.household_id, m.id
              from member m join household h on h.id = m.household_id and h.county_code = m.county_code where %s""";
    private static final String VILLAGES = """
            insert into registry_change (county_code, village_code)
            select distinct h.county_code, h.village_code from household h where %s""";

    private final JdbcClient jdbc;

    RegistryChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void recorded(Long[] householdIds) {
        for (String statement : List.of(FIRST_STATUS, PERSONS, VILLAGES)) {
            jdbc.sql(statement.formatted("h.id = any(:ids)")).param("ids", householdIds).update();
        }
    }

    @Override
    @Transactional
    public void recordedIn(String areaCode) {
        for (String statement : List.of(FIRST_STATUS, PERSONS, VILLAGES)) {
            jdbc.sql(statement.formatted("h.village_code like :area")).param("area", areaCode + "%").update();
        }
    }

    /**
     * The registry's rows beside households just entered in bulk, chosen by a condition on household {@code h} without
     * parameters (the bulk entry's staged ids), so that a province's entry needs no list of its ids in memory.
     */
    void recordedWhere(String condition) {
        for (String statement : List.of(FIRST_STATUS, PERSONS, VILLAGES)) {
            jdbc.sql(statement.formatted(condition)).update();
        }
    }

    @Override
    @Transactional
    public void changed(Long[] householdIds) {
        jdbc.sql(VILLAGES.formatted("h.id = any(:ids)")).param("ids", householdIds).update();
    }

    /** The first status row of households just recorded by the register itself (which writes their persons). */
    void firstStatus(Long[] householdIds) {
        jdbc.sql(FIRST_STATUS.formatted("h.id = any(:ids)")).param("ids", householdIds).update();
    }

    /**
     * The person index of a member just written to household {@code householdId}: taken, or moved along with the
     * household; 0 when the number is another household's (the person is on the register elsewhere).
     */
    int person(String idNumber, long householdId) {
        return jdbc.sql("""
                insert into person (id_number, county_code, household_id, member_id)
                select id_number, county_code, household_id, id from member where id_number = :number and household_id = :household
                on conflict (id_number) do update set county_code = excluded.county_code, member_id = excluded.member_id
                 where person.household_id = excluded.household_id""")
                .param("number", idNumber).param("household", householdId).update();
    }

    /** The person index follows members who moved to another household (a split, a merge, a household moved). */
    void personsMoved(Long[] memberIds) {
        jdbc.sql("""
                update person p set county_code = m.county_code, household_id = m.household_id, member_id = m.id
                  from member m where m.id = any(:ids) and p.id_number = m.id_number""")
                .param("ids", memberIds).update();
    }

    /** Queues villages changed, e.g. the one a household left. */
    void villages(String... villageCodes) {
        jdbc.sql("insert into registry_change (county_code, village_code) select distinct left(v, 6), v from unnest(:villages::text[]) v")
                .param("villages", villageCodes).update();
    }

    @Override
    @Transactional
    public List<String> takeVillages(int limit) {
        return List.copyOf(new TreeSet<>(jdbc.sql("""
                delete from registry_change where (id, county_code) in (
                    select id, county_code from registry_change order by id limit :limit for update skip locked)
                returning village_code""").param("limit", limit).query(String.class).list()));
    }
}
