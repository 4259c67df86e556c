-- The registry's own status history of each household: the day a change happened, the year it counts in
-- (identification: its round's year; any other change: the year of its day), from and to which status, and why.
-- Written in the transaction of the change. Statistics read it: the year never comes from the clock of a
-- trigger or of the day the change was typed in.
create table household_status_event (
    id           bigserial primary key,
    household_id bigint not null references household (id) on delete cascade,
    day          date not null,
    year         smallint not null check (year between 1978 and 2100),
    from_status  text,
    to_status    text not null,
    reason       text check (length(reason) <= 4000),
    recorded_by  text,
    recorded_at  timestamptz not null
);
create index household_status_event_household on household_status_event (household_id, id);
comment on table household_status_event is 'append-only for the application: a household''s history is never overwritten';
comment on column household_status_event.day is 'the day the change happened (China time), given with the change; the day the household was recorded for its first row';
comment on column household_status_event.year is 'the year the change counts in: identification in its round''s year, anything else in the year of its day';
comment on column household_status_event.from_status is 'null for the household''s first row: recorded with that status';
comment on column household_status_event.reason is 'a person''s reason is at most 2,000 characters; a procedure''s adds its own words to a note of as many';
comment on column household_status_event.recorded_at is 'when it was entered, by the system''s clock';

-- Whatever records households (the form, imports, the demonstration generator's COPY) gets the household's first
-- row here: recorded with its status, on the day of its created_at in China, which the application passes from its
-- clock. A household recorded as poor (or once poor) counts in its registered year.
create function household_recorded() returns trigger language plpgsql as $$
begin
    insert into household_status_event (household_id, day, year, from_status, to_status, recorded_at)
    select id, (created_at at time zone 'Asia/Shanghai')::date,
           case when status not in ('NON_POOR', 'CANDIDATE') and registered_year is not null then registered_year
                else extract(year from created_at at time zone 'Asia/Shanghai') end,
           null, status, created_at
      from new_rows;
    return null;
end $$;
create trigger household_recorded after insert on household
    referencing new table as new_rows for each statement execute function household_recorded();

-- The history of the households already on record, from what the statistics' triggers kept (statistics_status_event,
-- V20): each household's first row at its recording, then its changes with the years recomputed. A household
-- registered through identification counts in its round's year (the triggers took the year the announcement was
-- typed); another change in the year of the day it happened, in China. Reasons come from the audit trail where it
-- has the change.
insert into household_status_event (household_id, day, year, from_status, to_status, recorded_at)
select h.id, (h.created_at at time zone 'Asia/Shanghai')::date,
       case when first.status is not null then coalesce(h.registered_year, first.year)
            else extract(year from h.created_at at time zone 'Asia/Shanghai') end,
       null,
       coalesce(first.status,
                (select a.after ->> 'status' from audit_event a
                  where a.entity = 'household' and a.entity_id = h.id::text and a.action in ('create', 'import')
                  order by a.id limit 1),
                case when exists (select 1 from statistics_status_event e where e.household_id = h.id) then 'NON_POOR'
                     else h.status end),
       h.created_at
  from household h
  left join lateral (select e.status, e.year from statistics_status_event e
                      where e.household_id = h.id and e.changed_at = h.created_at
                      order by e.id limit 1) first on true
 order by h.id;

insert into household_status_event (household_id, day, year, from_status, to_status, reason, recorded_at)
select e.household_id, (e.changed_at at time zone 'Asia/Shanghai')::date,
       case when e.status = 'REGISTERED' then coalesce(
                (select r.year from household_application a join identification_round r on r.id = a.round_id
                  where a.household_id = e.household_id and a.stage = 'ANNOUNCED'
                  order by abs(a.stage_since - (e.changed_at at time zone 'Asia/Shanghai')::date), a.id desc limit 1),
                extract(year from e.changed_at at time zone 'Asia/Shanghai'))
            else extract(year from e.changed_at at time zone 'Asia/Shanghai') end,
       coalesce(lag(e.status) over w,
                (select s.to_status from household_status_event s where s.household_id = e.household_id)),
       e.status,
       (select a.reason from audit_event a
         where a.entity = 'household' and a.entity_id = e.household_id::text
           and a.action = 'status-' || lower(e.status) and a.at = e.changed_at
         order by a.id limit 1),
       e.changed_at
  from statistics_status_event e join household h on h.id = e.household_id
 where e.changed_at <> h.created_at
window w as (partition by e.household_id order by e.id)
 order by e.household_id, e.id;
