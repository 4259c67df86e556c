-- One procedure engine for every step-by-step procedure (issue 14). The engine owns where each case stands
-- (procedure_case), the step log (procedure_step), objections and attachments, for any procedure a definition
-- declares: not only household and village identification. The ids of the subjects are kept, so that the steps,
-- objections and attachments recorded already stay those of the same cases.

create table procedure_case (
    procedure       text        not null check (procedure ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    subject_id      bigint      not null,
    county_code     varchar(6)  collate "C" not null,
    area_code       varchar(12) collate "C" not null,
    -- what may be in one case of the procedure at a time that has not ended (a household), if anything
    holder          bigint,
    stage           text        not null check (length(stage) between 1 and 40),
    stage_since     date        not null,
    ended           boolean     not null default false,
    publicity_start date,
    publicity_end   date,
    version         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (procedure, subject_id),
    check (area_code like county_code || '%' or length(area_code) < 6),
    check ((publicity_start is null) = (publicity_end is null) and publicity_end >= publicity_start)
);
create index procedure_case_area on procedure_case (procedure, area_code, stage);
create unique index procedure_case_open on procedure_case (procedure, holder) where not ended and holder is not null;
comment on table procedure_case is 'where a case of a procedure stands; written by the procedure engine only';
comment on column procedure_case.county_code is 'the county of the subject; for a subject above the county, its own code (e.g. a prefecture''s 4 digits)';
comment on column procedure_case.stage_since is 'the day (in China) the stage was reached: the announcement''s once announced';

insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since, ended,
                            publicity_start, publicity_end, version, created_at, updated_at)
select 'HOUSEHOLD', a.id, r.county_code, a.village_code, a.household_id, a.stage, a.stage_since,
       a.stage in ('ANNOUNCED', 'REJECTED'), a.publicity_start, a.publicity_end, a.version, a.created_at, a.updated_at
  from household_application a join identification_round r on r.id = a.round_id;
insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since, ended,
                            publicity_start, publicity_end, version, created_at, updated_at)
select 'VILLAGE', v.id, left(v.village_code, 6), v.village_code, null, v.stage, v.stage_since,
       v.stage in ('ANNOUNCED', 'REJECTED'), v.publicity_start, v.publicity_end, v.version, v.created_at, v.updated_at
  from village_identification v;

-- The statistics' poor villages follow the village cases: the view and the queue read the engine's table now.
create or replace view statistics_poor_village (village_code, year) as
    select v.village_code, min(v.year) from village_identification v
      join procedure_case c on c.procedure = 'VILLAGE' and c.subject_id = v.id
     where c.stage = 'ANNOUNCED' group by v.village_code;

-- A row trigger with a condition, not a statement trigger with a transition table: a county's bulk household step
-- (hundreds of thousands of cases) then costs the statistics nothing, and a village's case queues its village.
create function statistics_village_case_changed() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code) values (new.area_code);
    return null;
end $$;
create trigger statistics_village_case_inserted after insert on procedure_case
    for each row when (new.procedure = 'VILLAGE' and length(new.area_code) = 12)
    execute function statistics_village_case_changed();
create trigger statistics_village_case_updated after update on procedure_case
    for each row when (new.procedure = 'VILLAGE' and length(new.area_code) = 12)
    execute function statistics_village_case_changed();

-- Identification keeps what is its own; the stage is the engine's.
drop index household_application_open;
alter table household_application drop column stage, drop column stage_since, drop column publicity_start,
    drop column publicity_end, drop column version, drop column updated_at;
alter table village_identification drop column stage, drop column stage_since, drop column publicity_start,
    drop column publicity_end, drop column version, drop column updated_at;

-- Dropping the columns dropped the indexes that held the stage: those of rounds and villages come back without it.
create index household_application_round on household_application (round_id, village_code, id);
create index household_application_village on household_application (village_code);
create index village_identification_year on village_identification (year, village_code);

-- What identification's lists read: its own columns beside the case's (the village as the case's area, so that a
-- list of an area at a stage reads procedure_case_area).
create view household_application_case as
    select a.id, a.round_id, a.household_id, c.area_code as village_code, a.proposed_by, a.exception_reason, a.created_at,
           c.county_code, c.stage, c.stage_since, c.publicity_start, c.publicity_end, c.version, c.updated_at
      from household_application a join procedure_case c on c.procedure = 'HOUSEHOLD' and c.subject_id = a.id;
create view village_identification_case as
    select v.id, c.area_code as village_code, v.year, v.exception_reason, v.created_at,
           c.county_code, c.stage, c.stage_since, c.publicity_start, c.publicity_end, c.version, c.updated_at
      from village_identification v join procedure_case c on c.procedure = 'VILLAGE' and c.subject_id = v.id;

-- Steps and objections of any procedure, not only the two of identification.
alter table procedure_step drop constraint procedure_step_procedure_check,
    add constraint procedure_step_procedure check (procedure ~ '^[A-Z][A-Z0-9_]{0,39}$');
alter table objection drop constraint objection_procedure_check,
    add constraint objection_procedure check (procedure ~ '^[A-Z][A-Z0-9_]{0,39}$');
comment on table procedure_step is 'every step of every procedure: the day it happened (done_on), who entered it (actor_login) and when (recorded_at), the decision and details, the attachment';

grant select, insert, update on table procedure_case to ${appRole};
grant select on table household_application_case, village_identification_case to ${appRole};
