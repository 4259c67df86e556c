package org.jingzhun.statistics.internal;

import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes the rollups of the villages the triggers queued (V20__statistics_rollups.sql), then the rows of
 * their ancestors as sums of their children, level by level up to the nation; in the caller's transaction.
 * Villages are recomputed from the registry whole, never patched, so that a missed or repeated change cannot
 * leave a figure wrong.
 */
@Component
class Rollups {

    /** One refresher at a time in the whole system: two would write the same ancestors' rows. */
    private static final long LOCK = 0x4A5A_5354_4154L;
    /** Queue rows taken at once; duplicates of a village are many after a bulk load. */
    private static final int BATCH = 200_000;
    /** Villages that make a recomputation a bulk one. */
    private static final int BULK = 1_000;
    /** The procedure whose announced cases make poor villages (see the view statistics_poor_village). */
    private static final String POOR_VILLAGE_PROCEDURE = "VILLAGE";
    /** Columns of statistics_figure summed from children to parents. */
    private static final String FIGURES = "households, residents, poor_households, poor_residents, poor_villages,"
            + " registered_households, registered_people, exited_households, exited_people, returned_households,"
            + " returned_people, income_people, income_total, growth_now, growth_before";

    private static final Logger log = LoggerFactory.getLogger(Rollups.class);

    private final JdbcClient jdbc;
    private final org.jingzhun.registry.RegistryChanges registryChanges;
    private final org.jingzhun.procedure.Procedures procedures;

    Rollups(JdbcClient jdbc, org.jingzhun.registry.RegistryChanges registryChanges, org.jingzhun.procedure.Procedures procedures) {
        this.jdbc = jdbc;
        this.procedures = procedures;
        this.registryChanges = registryChanges;
    }

    /**
     * Recomputes every queued village and its ancestors; {@code wait} for a refresh running elsewhere, else give
     * up at once when there is one. The number of villages recomputed.
     */
    int drain(boolean wait) {
        boolean locked = jdbc.sql(wait ? "select pg_advisory_xact_lock(:lock) is not null" : "select pg_try_advisory_xact_lock(:lock)")
                .param("lock", LOCK).query(Boolean.class).single();
        if (!locked) {
            return 0;
        }
        int recomputed = 0;
        for (List<String> villages = claim(); !villages.isEmpty(); villages = claim()) {
            long started = System.nanoTime();
            recompute(villages);
            recomputed += villages.size();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (villages.size() > BULK) {
                log.info("Statistics of {} villages and their areas recomputed in {} ms", villages.size(), millis);
            } else {
                log.debug("Statistics of {} villages and their areas recomputed in {} ms", villages.size(), millis);
            }
        }
        return recomputed;
    }

    /**
     * Takes queued villages off the queues (rows that another transaction holds are left to it): the registry's change
     * log, written with each change of households, members and incomes, the procedure engine's of village cases (poor
     * villages), and the statistics' own queue.
     */
    private List<String> claim() {
        TreeSet<String> villages = new TreeSet<>(registryChanges.takeVillages(BATCH));
        villages.addAll(procedures.takeChangedAreas(POOR_VILLAGE_PROCEDURE, BATCH));
        villages.addAll(jdbc.sql("""
                delete from statistics_dirty_village where id in (
                    select id from statistics_dirty_village order by id limit :batch for update skip locked)
                returning village_code""").param("batch", BATCH).query(String.class).list());
        return List.copyOf(villages);
    }

    /** The villages' rows from the registry, then their ancestors' from their children. */
    private void recompute(List<String> villageCodes) {
        String[] villages = villageCodes.toArray(String[]::new);
        if (villages.length > BULK) {
            // After a bulk load the planner's statistics of the registry are stale until autovacuum comes by.
            jdbc.sql("select maintenance_analyze('household', 'member', 'household_income', 'household_status_event')")
                    .query().singleRow(); // the owner's ANALYZE (V22)
        }
        households(villages);
        jdbc.sql("delete from statistics_figure where " + these("villages")).param("villages", villages).update();
        jdbc.sql("delete from statistics_breakdown where " + these("villages")).param("villages", villages).update();
        jdbc.sql("delete from statistics_income where " + these("villages")).param("villages", villages).update();
        villageFigures(villages);
        villageBreakdowns();
        villageIncomes();
        medians(villages);
        TreeSet<String> areas = new TreeSet<>(villageCodes);
        while (!areas.first().isEmpty()) {
            TreeSet<String> parents = new TreeSet<>();
            areas.forEach(code -> parents.add(parent(code)));
            String[] codes = parents.toArray(String[]::new);
            sumChildren(codes);
            medians(codes);
            areas = parents;
        }
    }

    /** The parent's code as in statistics_parent(): codes nest by length 12, 9, 6, 4, 2, then the nation "". */
    static String parent(String code) {
        return switch (code.length()) {
            case 12 -> code.substring(0, 9);
            case 9 -> code.substring(0, 6);
            case 6 -> code.substring(0, 4);
            case 4 -> code.substring(0, 2);
            default -> "";
        };
    }

    /**
     * Temporary tables of the villages' households (members, the first year on record: the earliest of the
     * year registered, the first year of its status history and the first year with an income), of their status
     * history (the registry's household_status_event), and of each household's status at the end of each year it
     * changed, from the year it is on record (non-poor until a change says otherwise), with what that changed in
     * the rural and poor counts and in their people. A household formed by a split is on record from the year of the
     * split, whenever it was entered, with the status it was recorded with (its first row is no registration of that
     * year); one that merged into another ends in the year of the merge (ENDED: neither rural nor poor after).
     */
    private void households(String[] villages) {
        jdbc.sql("drop table if exists pg_temp.statistics_household, pg_temp.statistics_event, pg_temp.statistics_state,"
                + " pg_temp.statistics_poor_income, pg_temp.statistics_stay").update();
        jdbc.sql("""
                create temp table statistics_event on commit drop as
                select e.id, e.household_id,
                       case when e.from_status is null and h.formed_on is not null then extract(year from h.formed_on)::int
                            else greatest(e.year, extract(year from h.formed_on)::int) end as year, e.to_status as status,
                       not (e.from_status is null and h.formed_on is not null) as flow
                  from registry_status_event e join registry_household h on h.id = e.household_id
                 where h.village_code = any(:villages)
                union all
                select 9223372036854775807, h.id, extract(year from h.ended_on)::int, 'ENDED', false
                  from registry_household h where h.village_code = any(:villages) and h.ended_on is not null""")
                .param("villages", villages).update();
        jdbc.sql("create index on statistics_event (household_id)").update();
        jdbc.sql("analyze statistics_event").update();
        jdbc.sql("""
                create temp table statistics_household on commit drop as
                select h.id, h.village_code, h.category, coalesce(h.main_cause, '') as cause, coalesce(m.size, 0) as size,
                       greatest(least(h.registered_year, e.first_year, i.first_year), extract(year from h.formed_on)::int) as since
                  from registry_household h
                  left join (select household_id, count(*)::int as size from registry_member
                              where household_id in (select id from registry_household where village_code = any(:villages))
                              group by household_id) m on m.household_id = h.id
                  left join (select household_id, min(year) as first_year from registry_income
                              where household_id in (select id from registry_household where village_code = any(:villages))
                              group by household_id) i on i.household_id = h.id
                  left join (select household_id, min(year) as first_year from statistics_event
                              group by household_id) e on e.household_id = h.id
                 where h.village_code = any(:villages)""").param("villages", villages).update();
        jdbc.sql("create index on statistics_household (id)").update();
        jdbc.sql("analyze statistics_household").update();
        // Each member's stay in a household, by years: from the year joined (null: with the household) until the year
        // left (null: on the register now). A member is on the register at the end of a year the stay covers, so one
        // who died in a year is counted at the end of the year before and not at the end of that year (issue 16).
        jdbc.sql("""
                create temp table statistics_stay on commit drop as
                select household_id, since, until, count(*)::int as people
                  from (select m.household_id, extract(year from m.joined_on)::int as since, null::int as until
                          from registry_member m where m.household_id in (select id from statistics_household)
                        union all
                        select e.household_id, extract(year from e.joined_on)::int, e.year::int
                          from registry_member_event e where e.kind = 'LEAVE' and e.household_id in (select id from statistics_household)) stays
                 group by household_id, since, until""")
                .update();
        jdbc.sql("create index on statistics_stay (household_id)").update();
        // A household's status at the end of a year is the last change entered among those that count in that
        // year or before: a change entered later for an earlier year (a 2013 round announced in 2026) is the
        // status of 2013 on, while one entered earlier for a later year (the household recorded in 2026) is not.
        jdbc.sql("""
                create temp table statistics_state on commit drop as
                with years as (
                    select id as household_id, since as year from statistics_household where since is not null
                    union
                    select household_id, year from statistics_event
                    union
                    select s.household_id, y.year
                      from statistics_stay s cross join lateral (values (s.since), (s.until)) y (year)
                      join statistics_household h on h.id = s.household_id
                     where y.year > h.since
                ), timeline as (
                    select distinct on (y.household_id, y.year) y.household_id, y.year, coalesce(e.status, 'NON_POOR') as status
                      from years y
                      left join statistics_event e on e.household_id = y.household_id and e.year <= y.year
                     order by y.household_id, y.year, e.id desc nulls last
                ), counted as (
                    select t.household_id, t.year, t.status not in ('CANCELLED', 'ENDED') as rural,
                           t.status in ('REGISTERED', 'RETURNED') as poor,
                           coalesce((select sum(s.people) from statistics_stay s where s.household_id = t.household_id
                               and (s.since is null or s.since <= t.year) and (s.until is null or s.until > t.year)), 0)::int as people
                      from timeline t
                )
                select t.household_id, h.village_code, t.year, lead(t.year) over w as until, t.poor,
                       t.rural::int - coalesce((lag(t.rural) over w)::int, 0) as rural_change,
                       t.poor::int - coalesce((lag(t.poor) over w)::int, 0) as poor_change,
                       t.rural::int * t.people - coalesce((lag(t.rural::int * t.people) over w), 0) as rural_people_change,
                       t.poor::int * t.people - coalesce((lag(t.poor::int * t.people) over w), 0) as poor_people_change
                  from counted t join statistics_household h on h.id = t.household_id
                window w as (partition by t.household_id order by t.year)""").update();
        // The income of each year of the households poor at its end, with the year before's for the growth.
        jdbc.sql("""
                create temp table statistics_poor_income on commit drop as
                select h.village_code, i.year, i.amount, before.amount as before, h.size
                  from registry_income i
                  join statistics_state s on s.household_id = i.household_id and s.poor
                                         and i.year >= s.year and (s.until is null or i.year < s.until)
                  join statistics_household h on h.id = i.household_id
                  left join registry_income before on before.household_id = i.household_id and before.year = i.year - 1
                 where h.size > 0""").update();
    }

    private void villageFigures(String[] villages) {
        jdbc.sql("""
                insert into statistics_figure (county_code, area_code, year, parent_code, households, residents, poor_households, poor_residents)
                select area_county(h.village_code), h.village_code, s.year, statistics_parent(h.village_code), sum(s.rural_change), sum(s.rural_people_change),
                       sum(s.poor_change), sum(s.poor_people_change)
                  from statistics_state s join statistics_household h on h.id = s.household_id
                 group by h.village_code, s.year""").update();
        jdbc.sql("""
                insert into statistics_figure as f (county_code, area_code, year, parent_code, registered_households, registered_people,
                                                    exited_households, exited_people, returned_households, returned_people)
                select area_county(h.village_code), h.village_code, e.year, statistics_parent(h.village_code),
                       count(*) filter (where e.status = 'REGISTERED'), coalesce(sum(h.size) filter (where e.status = 'REGISTERED'), 0),
                       count(*) filter (where e.status = 'EXITED'), coalesce(sum(h.size) filter (where e.status = 'EXITED'), 0),
                       count(*) filter (where e.status = 'RETURNED'), coalesce(sum(h.size) filter (where e.status = 'RETURNED'), 0)
                  from (select distinct household_id, year, status from statistics_event
                         where status in ('REGISTERED', 'EXITED', 'RETURNED') and flow) e
                  join statistics_household h on h.id = e.household_id
                 group by h.village_code, e.year
                on conflict (county_code, area_code, year) do update
                   set registered_households = excluded.registered_households, registered_people = excluded.registered_people,
                       exited_households = excluded.exited_households, exited_people = excluded.exited_people,
                       returned_households = excluded.returned_households, returned_people = excluded.returned_people""").update();
        jdbc.sql("""
                insert into statistics_figure as f (county_code, area_code, year, parent_code, income_people, income_total, growth_now, growth_before)
                select area_county(village_code), village_code, year, statistics_parent(village_code), sum(size), sum(amount * size),
                       coalesce(sum(amount * size) filter (where before is not null), 0), coalesce(sum(before * size), 0)
                  from statistics_poor_income
                 group by village_code, year
                on conflict (county_code, area_code, year) do update
                   set income_people = excluded.income_people, income_total = excluded.income_total,
                       growth_now = excluded.growth_now, growth_before = excluded.growth_before""").update();
        jdbc.sql("""
                insert into statistics_figure as f (county_code, area_code, year, parent_code, poor_villages)
                select area_county(village_code), village_code, min(year), statistics_parent(village_code), 1
                  from statistics_poor_village where village_code = any(:villages)
                 group by village_code
                on conflict (county_code, area_code, year) do update set poor_villages = excluded.poor_villages""")
                .param("villages", villages).update();
    }

    /** The registered poor by cause and category, their members by health, schooling and ability to work. */
    private void villageBreakdowns() {
        jdbc.sql("""
                insert into statistics_breakdown (county_code, area_code, year, parent_code, dimension, value, households, people)
                select area_county(s.village_code), s.village_code, s.year, statistics_parent(s.village_code), d.dimension, d.value,
                       sum(s.poor_change * d.households),
                       sum(case when d.dimension in ('CAUSE', 'CATEGORY') then s.poor_people_change else s.poor_change * d.people end)
                  from statistics_state s
                  join (select id as household_id, 'CAUSE' as dimension, cause as value, 1 as households, size as people
                          from statistics_household
                        union all
                        select id, 'CATEGORY', category, 1, size from statistics_household
                        union all
                        select m.household_id, d.dimension, d.value, 1, count(*)::int
                          from registry_member m
                          cross join lateral (values ('HEALTH', m.health), ('SCHOOLING', coalesce(m.schooling, '')),
                                                     ('WORK_ABILITY', coalesce(m.work_ability, ''))) d (dimension, value)
                         where m.household_id in (select household_id from statistics_state where poor_change <> 0)
                         group by m.household_id, d.dimension, d.value) d on d.household_id = s.household_id
                 where s.poor_change <> 0 or s.poor_people_change <> 0
                 group by s.village_code, s.year, d.dimension, d.value
                having sum(s.poor_change * d.households) <> 0
                    or sum(case when d.dimension in ('CAUSE', 'CATEGORY') then s.poor_people_change else s.poor_change * d.people end) <> 0""").update();
    }

    private void villageIncomes() {
        jdbc.sql("""
                insert into statistics_income (county_code, area_code, year, parent_code, yuan, people)
                select area_county(village_code), village_code, year, statistics_parent(village_code), round(amount)::int, sum(size)
                  from statistics_poor_income
                 group by village_code, year, round(amount)::int""").update();
    }

    /**
     * The rows of the areas in the array parameter, by the rollups' key: their counties first, so that each area is
     * one range of the key, not a skip through every county's.
     */
    static String these(String parameter) {
        return "county_code = any(array(select area_county(a) from unnest(cast(:" + parameter + " as varchar[])) a))"
                + " and area_code = any(:" + parameter + ")";
    }

    /** The median poor person's income of each year of these areas: the first yuan at which the running count reaches half. */
    private void medians(String[] areas) {
        jdbc.sql("""
                update statistics_figure f set median_income = m.yuan
                  from (select distinct on (area_code, year) area_code, year, yuan
                          from (select area_code, year, yuan, sum(people) over (partition by area_code, year order by yuan) as running,
                                       sum(people) over (partition by area_code, year) as total
                                  from statistics_income where\s""" + these("areas") + """
                               ) histogram
                         where running * 2 >= total
                         order by area_code, year, yuan) m
                 where f.county_code = area_county(m.area_code) and f.area_code = m.area_code and f.year = m.year""").param("areas", areas).update();
    }

    /** The rows of these areas (one level) as the sums of their children's rows. */
    private void sumChildren(String[] areas) {
        jdbc.sql("delete from statistics_figure where " + these("areas")).param("areas", areas).update();
        jdbc.sql("insert into statistics_figure (county_code, area_code, year, parent_code, " + FIGURES + ")"
                        + " select area_county(parent_code), parent_code, year, statistics_parent(parent_code), " + FIGURES.replaceAll("(\\w+)", "sum($1)")
                        + " from statistics_figure where parent_code = any(:areas) group by parent_code, year")
                .param("areas", areas).update();
        jdbc.sql("delete from statistics_breakdown where " + these("areas")).param("areas", areas).update();
        jdbc.sql("""
                insert into statistics_breakdown (county_code, area_code, year, parent_code, dimension, value, households, people)
                select area_county(parent_code), parent_code, year, statistics_parent(parent_code), dimension, value, sum(households), sum(people)
                  from statistics_breakdown where parent_code = any(:areas)
                 group by parent_code, year, dimension, value""").param("areas", areas).update();
        jdbc.sql("delete from statistics_income where " + these("areas")).param("areas", areas).update();
        jdbc.sql("""
                insert into statistics_income (county_code, area_code, year, parent_code, yuan, people)
                select area_county(parent_code), parent_code, year, statistics_parent(parent_code), yuan, sum(people)
                  from statistics_income where parent_code = any(:areas)
                 group by parent_code, year, yuan""").param("areas", areas).update();
    }
}
