-- Shardable by county (issue 16, item 3): the schema a distributed engine (Citus) can distribute by county code.
-- Every table of an area at or below the county carries county_code varchar(6), a plain column set by every write
-- (Citus routes an INSERT by the value it is given for the distribution column: a generated one cannot be given, see
-- citusdata/citus#2879), never null; its primary key, unique keys and foreign keys to other such tables include it.
-- A row of such a table whose area is above a county (a procedure of a prefecture, the rollups of a province) holds
-- its own area code there, so that it is never null and its ancestors' rows stay apart. Which tables are which is
-- kept in AreaBoundSchemaTest, which reads the catalog.

-- The county of an area code, or the code itself above a county ('' the nation).
create function area_county(code varchar) returns varchar language sql immutable parallel safe as $$
    select case when length(code) >= 6 then left(code, 6) else code end
$$;

-- Foreign keys to household(id) go first: its key becomes (id, county_code).
alter table household_income drop constraint household_income_household_id_fkey;
alter table member drop constraint member_household_id_fkey;
alter table household_application drop constraint household_application_household_id_fkey;
alter table household_status_event drop constraint household_status_event_household_id_fkey;
alter table household drop constraint household_formed_from_fkey, drop constraint household_merged_into_fkey;
alter table member_event drop constraint member_event_household_id_county_code_fkey,
    drop constraint member_event_other_household_id_other_county_code_fkey;

-- household: the county is written by whoever writes the household; the check keeps it the village's.
alter table household alter column county_code drop expression;
alter table household alter column county_code set not null,
    add constraint household_county check (county_code = left(village_code, 6));
alter table household drop constraint household_pkey;
drop index household_id_county;
alter table household add primary key (id, county_code);
-- Split and merge link households that may be in different counties since (a move): each link has its county.
alter table household add column formed_from_county varchar(6) collate "C", add column merged_into_county varchar(6) collate "C";
update household h set formed_from_county = f.county_code from household f where f.id = h.formed_from;
update household h set merged_into_county = m.county_code from household m where m.id = h.merged_into;
alter table household
    add constraint household_formed_from foreign key (formed_from, formed_from_county) references household (id, county_code)
        on update cascade on delete set null,
    add constraint household_merged_into foreign key (merged_into, merged_into_county) references household (id, county_code)
        on update cascade on delete set null;

-- What belongs to a household follows it when it moves to another county (on update cascade): a move is one update of
-- the household's county here; on a distributed engine, a delete and an insert of the household and its rows.
alter table household_income add column county_code varchar(6) collate "C";
update household_income i set county_code = h.county_code from household h where h.id = i.household_id;
alter table household_income alter column county_code set not null, drop constraint household_income_pkey,
    add primary key (household_id, county_code, year),
    add constraint household_income_household foreign key (household_id, county_code)
        references household (id, county_code) on update cascade;

-- member: a person is on the register of one county here; their national uniqueness is the person index below.
alter table member add column county_code varchar(6) collate "C";
update member m set county_code = h.county_code from household h where h.id = m.household_id;
alter table member alter column county_code set not null, drop constraint member_pkey, add primary key (id, county_code),
    drop constraint member_id_number_key, add constraint member_id_number unique (id_number, county_code),
    add constraint member_household foreign key (household_id, county_code)
        references household (id, county_code) on update cascade;
drop index member_one_head;
create unique index member_one_head on member (household_id, county_code) where relation = 'HEAD';

alter table member_event drop constraint member_event_pkey, add primary key (id, county_code),
    add constraint member_event_household foreign key (household_id, county_code)
        references household (id, county_code) on update cascade on delete cascade,
    add constraint member_event_other_household foreign key (other_household_id, other_county_code)
        references household (id, county_code) on update cascade on delete set null (other_household_id, other_county_code);

alter table household_status_event add column county_code varchar(6) collate "C";
update household_status_event e set county_code = h.county_code from household h where h.id = e.household_id;
alter table household_status_event alter column county_code set not null, drop constraint household_status_event_pkey,
    add primary key (id, county_code),
    add constraint household_status_event_household foreign key (household_id, county_code)
        references household (id, county_code) on update cascade on delete cascade;

-- The person index: a person's national uniqueness, keyed (and distributable) by the ID number, written in the
-- transaction of every join and leave of a member. It replaces the unique index of member.id_number.
create table person (
    id_number    varchar(18) collate "C" primary key,
    county_code  varchar(6)  collate "C" not null,
    household_id bigint      not null,
    member_id    bigint      not null
);
comment on table person is 'the person index: where each ID number is on the register; distributed by id_number, not by county';
insert into person (id_number, county_code, household_id, member_id)
select id_number, county_code, household_id, id from member;
create index person_household on person (household_id);

-- Identification: a round is its county's; an application is its round's county's, and stays there (with its steps)
-- when the household moves to another county afterwards, so its link to the household carries no foreign key.
alter table household_application drop constraint household_application_round_id_fkey;
alter table identification_round drop constraint identification_round_pkey, add primary key (id, county_code);
alter table household_application add column county_code varchar(6) collate "C";
update household_application a set county_code = r.county_code from identification_round r where r.id = a.round_id;
alter table household_application alter column county_code set not null, drop constraint household_application_pkey,
    add primary key (id, county_code),
    drop constraint household_application_round_id_household_id_key,
    add constraint household_application_once unique (round_id, county_code, household_id),
    add constraint household_application_round foreign key (round_id, county_code) references identification_round (id, county_code);

alter table village_figures add column county_code varchar(6) collate "C";
update village_figures set county_code = left(village_code, 6);
alter table village_figures alter column county_code set not null, drop constraint village_figures_pkey,
    add primary key (county_code, village_code, year), add constraint village_figures_county check (county_code = left(village_code, 6));

alter table village_assessment add column county_code varchar(6) collate "C";
update village_assessment set county_code = left(village_code, 6);
alter table village_assessment alter column county_code set not null, drop constraint village_assessment_pkey,
    add primary key (county_code, village_code, year), add constraint village_assessment_county check (county_code = left(village_code, 6));

alter table village_identification add column county_code varchar(6) collate "C";
update village_identification set county_code = left(village_code, 6);
alter table village_identification alter column county_code set not null, drop constraint village_identification_pkey,
    add primary key (id, county_code), drop constraint village_identification_village_code_year_key,
    add constraint village_identification_once unique (county_code, village_code, year),
    add constraint village_identification_county check (county_code = left(village_code, 6));

-- The procedure engine: a case, its steps and objections are those of the subject's county (its own code above one).
-- An attachment may document the subjects of several counties (a township's posted list is one county's, a
-- prefecture's may not be), so a step names its attachment without a foreign key.
alter table procedure_case drop constraint procedure_case_pkey, add primary key (procedure, subject_id, county_code);
drop index procedure_case_open;
create unique index procedure_case_open on procedure_case (procedure, holder, county_code) where not ended and holder is not null;

alter table procedure_step drop constraint procedure_step_attachment_id_fkey, add column county_code varchar(6) collate "C";
update procedure_step s set county_code = coalesce(
    (select c.county_code from procedure_case c where c.procedure = s.procedure and c.subject_id = s.subject_id),
    area_county(s.area_code));
alter table procedure_step alter column county_code set not null, drop constraint procedure_step_pkey, add primary key (id, county_code);

alter table objection add column county_code varchar(6) collate "C";
update objection o set county_code = coalesce(
    (select c.county_code from procedure_case c where c.procedure = o.procedure and c.subject_id = o.subject_id),
    area_county(o.area_code));
alter table objection alter column county_code set not null, drop constraint objection_pkey, add primary key (id, county_code);

alter table attachment add column county_code varchar(6) collate "C";
update attachment set county_code = area_county(area_code);
alter table attachment alter column county_code set not null, drop constraint attachment_pkey, add primary key (id, county_code);

-- The rollups of areas at or below a county carry it; those above carry their own code (see area_county).
alter table statistics_figure add column county_code varchar(6) collate "C";
update statistics_figure set county_code = area_county(area_code);
alter table statistics_figure alter column county_code set not null, drop constraint statistics_figure_pkey,
    add primary key (county_code, area_code, year);
alter table statistics_breakdown add column county_code varchar(6) collate "C";
update statistics_breakdown set county_code = area_county(area_code);
alter table statistics_breakdown alter column county_code set not null, drop constraint statistics_breakdown_pkey,
    add primary key (county_code, area_code, dimension, value, year);
alter table statistics_income add column county_code varchar(6) collate "C";
update statistics_income set county_code = area_county(area_code);
alter table statistics_income alter column county_code set not null, drop constraint statistics_income_pkey,
    add primary key (county_code, area_code, year, yuan);

-- Statistics' change capture: the registry writes the villages it changed into registry_change in the transaction of
-- the change (from the application, set-based), and the refresher takes them from there. The statement triggers with
-- transition tables on the registry's tables, which a distributed engine cannot run, go; so does the first status
-- row's trigger (V35), which the registry now writes itself.
create table registry_change (
    id           bigserial,
    county_code  varchar(6)  collate "C" not null,
    village_code varchar(12) collate "C" not null,
    primary key (id, county_code)
);
comment on table registry_change is 'villages whose households, members or incomes changed: written by the registry in the change''s transaction, taken by the statistics'' refresher';

drop trigger statistics_household_inserted on household;
drop trigger statistics_household_updated on household;
drop trigger statistics_household_deleted on household;
drop trigger statistics_household_truncated on household;
drop trigger statistics_member_inserted on member;
drop trigger statistics_member_updated on member;
drop trigger statistics_member_deleted on member;
drop trigger statistics_income_inserted on household_income;
drop trigger statistics_income_updated on household_income;
drop trigger statistics_income_deleted on household_income;
drop trigger statistics_village_identification_inserted on village_identification;
drop trigger statistics_village_identification_updated on village_identification;
drop trigger household_recorded on household;
drop function statistics_household_inserted(), statistics_household_updated(), statistics_rows_deleted(),
    statistics_member_changed(), statistics_income_changed(), statistics_registry_truncated(), household_recorded();

insert into maintenance_analyzable (table_name) values ('person');

do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('grant select, insert, update, delete on table person, registry_change to %I', app);
    execute format('grant usage, select on sequence registry_change_id_seq to %I', app);
    execute format('grant execute on function area_county(varchar) to %I', app);
end;
$$;
