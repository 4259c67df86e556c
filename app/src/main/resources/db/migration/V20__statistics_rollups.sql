-- Statistics: per-area, per-year rollups kept up to date by the system, so that a dashboard never reads the
-- registry. Whatever writes household, member or household_income (forms, status changes, imports, COPY,
-- the demonstration generator, plain SQL) fires the statement triggers below: they queue the villages
-- touched, and the application's refresher recomputes those villages and sums their ancestors, within seconds.

-- Villages whose figures are out of date. No unique key: a writer never waits for the refresher (which
-- deletes the rows it takes) nor for another writer; duplicates are taken together.
create table statistics_dirty_village (
    id           bigserial primary key,
    village_code varchar(12) collate "C" not null
);

-- The status history the per-year figures need (registered, exited, returned in a year; who was poor at
-- the end of a year). The registry keeps only the current status, so the triggers keep the changes.
create table statistics_status_event (
    id           bigserial primary key,
    household_id bigint      not null,
    year         smallint    not null,
    status       text        not null,
    changed_at   timestamptz not null default now()
);
create index statistics_status_event_household on statistics_status_event (household_id, year, id);
comment on table statistics_status_event is 'a household recorded as non-poor or candidate has no row until its status changes';
comment on column statistics_status_event.year is 'the year of the change; for a household recorded with its status, its registered_year';

-- The single place that feeds the poor villages: a village counts as a poor village from the year given on.
-- Empty until village identification exists; at its merge a migration replaces it with
--   select village_code, min(year) from village_identification where stage = 'ANNOUNCED' group by village_code
-- and queues the villages of every insert and update of village_identification (two statement triggers, one per
-- event, each executing statistics_villages_changed below), then queues the villages announced already.
create view statistics_poor_village (village_code, year) as
    select null::varchar(12) collate "C", null::smallint where false;

-- The parent of an area in the rollups: codes are nested by length (12, 9, 6, 4, 2), the nation is ''.
create function statistics_parent(code varchar) returns varchar language sql immutable as $$
    select case length(code) when 12 then left(code, 9) when 9 then left(code, 6) when 6 then left(code, 4)
                             when 4 then left(code, 2) when 2 then '' end
$$;

-- The figures of an area by year. Stock columns hold the change in that year, so an area's stock in year Y
-- is the sum of its rows up to Y: a year without change costs no row, and a new year needs no rebuild.
-- Flow and income columns are those of the year. Every row of an area that is not a village is the sum
-- of its children's rows (parent_code), written by the refresher and by nothing else.
create table statistics_figure (
    area_code             varchar(12) collate "C" not null,
    year                  smallint not null,
    parent_code           varchar(12) collate "C",
    households            integer not null default 0,
    residents             integer not null default 0,
    poor_households       integer not null default 0,
    poor_residents        integer not null default 0,
    poor_villages         integer not null default 0,
    registered_households integer not null default 0,
    registered_people     integer not null default 0,
    exited_households     integer not null default 0,
    exited_people         integer not null default 0,
    returned_households   integer not null default 0,
    returned_people       integer not null default 0,
    income_people         integer not null default 0,
    income_total          numeric(18, 2) not null default 0,
    growth_now            numeric(18, 2) not null default 0,
    growth_before         numeric(18, 2) not null default 0,
    median_income         integer,
    primary key (area_code, year)
);
create index statistics_figure_parent on statistics_figure (parent_code, year);
comment on column statistics_figure.households is 'change in rural households (all on record but cancelled) in the year';
comment on column statistics_figure.poor_households is 'change in registered poor households (registered or returned) in the year';
comment on column statistics_figure.income_people is 'people of the households poor at the end of the year that have an income for it';
comment on column statistics_figure.income_total is 'their per capita net income of the year times their members: the mean is income_total / income_people';
comment on column statistics_figure.median_income is 'the median poor person''s income of the year in yuan, from statistics_income: medians cannot be summed, so each area''s is computed when its histogram is';
comment on column statistics_figure.growth_now is 'of those with an income the year before too: this year''s income times members; growth is growth_now / growth_before - 1';

-- The registered poor by one attribute (CAUSE and CATEGORY of the household; HEALTH, SCHOOLING, WORK_ABILITY
-- of its members), as changes by year like the stocks above. For member attributes, households are those
-- with at least one such member. value '' means not recorded.
create table statistics_breakdown (
    area_code   varchar(12) collate "C" not null,
    year        smallint not null,
    parent_code varchar(12) collate "C",
    dimension   text not null,
    value       text not null,
    households  integer not null,
    people      integer not null,
    primary key (area_code, dimension, value, year)
);
create index statistics_breakdown_parent on statistics_breakdown (parent_code);

-- The poor people of each year by the per capita net income of their household rounded to the yuan: medians
-- cannot be summed, histograms can.
create table statistics_income (
    area_code   varchar(12) collate "C" not null,
    year        smallint not null,
    parent_code varchar(12) collate "C",
    yuan        integer not null,
    people      integer not null,
    primary key (area_code, year, yuan)
);
create index statistics_income_parent on statistics_income (parent_code, year);

-- The triggers. Statement-level with transition tables: one insert per statement, whatever its rows (a row
-- trigger would run 37 million times for Yunnan's members).
create function statistics_household_inserted() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code) select distinct village_code from new_rows;
    insert into statistics_status_event (household_id, year, status)
    select id, coalesce(registered_year, extract(year from now())), status
      from new_rows where status not in ('NON_POOR', 'CANDIDATE');
    return null;
end $$;

create function statistics_household_updated() returns trigger language plpgsql as $$
begin
    -- both villages of a household that moved
    insert into statistics_dirty_village (village_code)
    select village_code from new_rows union select village_code from old_rows;
    insert into statistics_status_event (household_id, year, status)
    select n.id, extract(year from now()), n.status
      from new_rows n join old_rows o on o.id = n.id where n.status <> o.status;
    return null;
end $$;

create function statistics_rows_deleted() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code) select distinct village_code from old_rows;
    return null;
end $$;

create function statistics_member_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into statistics_dirty_village (village_code) select distinct village_code from new_rows;
    else
        insert into statistics_dirty_village (village_code)
        select village_code from new_rows union select village_code from old_rows;
    end if;
    return null;
end $$;

-- Incomes carry no village: each distinct household is looked up by its key. Written so that no join plan can
-- go wrong: after a TRUNCATE the planner took a household table being filled in the same transaction for empty
-- and re-hashed all the incomes for each household (measured: minutes for 970,000 incomes), so the lookup is a
-- subquery per household that can only be an index scan.
create function statistics_income_changed() returns trigger language plpgsql set enable_seqscan = off as $$
begin
    if tg_op = 'DELETE' then
        insert into statistics_dirty_village (village_code)
        select village_code
          from (select distinct (select h.village_code from household h where h.id = n.household_id) as village_code
                  from (select distinct household_id from old_rows) n) villages
         where village_code is not null;
    else
        insert into statistics_dirty_village (village_code)
        select village_code
          from (select distinct (select h.village_code from household h where h.id = n.household_id) as village_code
                  from (select distinct household_id from new_rows) n) villages
         where village_code is not null;
    end if;
    return null;
end $$;

-- TRUNCATE has no rows to tell: every village with figures is out of date.
create function statistics_registry_truncated() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code)
    select area_code from statistics_figure where length(area_code) = 12;
    return null;
end $$;

-- For other features that change what a village counts (poor villages): queue the villages of new_rows.
create function statistics_villages_changed() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code) select distinct village_code from new_rows;
    return null;
end $$;

create trigger statistics_household_inserted after insert on household
    referencing new table as new_rows for each statement execute function statistics_household_inserted();
create trigger statistics_household_updated after update on household
    referencing old table as old_rows new table as new_rows for each statement execute function statistics_household_updated();
create trigger statistics_household_deleted after delete on household
    referencing old table as old_rows for each statement execute function statistics_rows_deleted();
create trigger statistics_member_inserted after insert on member
    referencing new table as new_rows for each statement execute function statistics_member_changed();
create trigger statistics_member_updated after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function statistics_member_changed();
create trigger statistics_member_deleted after delete on member
    referencing old table as old_rows for each statement execute function statistics_rows_deleted();
create trigger statistics_income_inserted after insert on household_income
    referencing new table as new_rows for each statement execute function statistics_income_changed();
create trigger statistics_income_updated after update on household_income
    referencing new table as new_rows for each statement execute function statistics_income_changed();
create trigger statistics_income_deleted after delete on household_income
    referencing old table as old_rows for each statement execute function statistics_income_changed();
create trigger statistics_household_truncated after truncate on household
    for each statement execute function statistics_registry_truncated();

-- A registry that existed before this migration: its status history as far as it is known, and every village queued.
insert into statistics_status_event (household_id, year, status, changed_at)
select id, coalesce(registered_year, extract(year from updated_at)), status, updated_at
  from household where status not in ('NON_POOR', 'CANDIDATE');
insert into statistics_dirty_village (village_code) select distinct village_code from household;
