-- Members keep their history (issue 16, item 2). The member table stays what every reader of it means by "a member":
-- the people on the register now, each ID number once in the whole country (its unique key). A person who leaves is
-- taken off it with the day and the reason, and the stay they end is kept whole in member_event with the day it
-- began; a person who joins is entered with the day and the reason. A household splits (some of its members form a
-- new household of the same village) or merges into another (all its members join it, and it ends, keeping its
-- record), each household linked to the other.

-- The day a member joined and why; null: on the register since the household was recorded (joined with it), which is
-- what imports and the demonstration generator write without knowing these columns.
alter table member
    add column joined_on   date,
    add column join_reason text check (join_reason in ('BIRTH', 'MARRIAGE_IN', 'RETURN', 'SPLIT', 'MERGE')),
    add check ((joined_on is null) = (join_reason is null));
comment on column member.joined_on is 'the day the member joined the household; null: with the household, when it was recorded';

-- A household formed by a split, and one ended by a merge: the day and the other household. Null for all others.
alter table household
    add column formed_on   date,
    add column formed_from bigint references household (id) on delete set null,
    add column ended_on    date,
    add column merged_into bigint references household (id) on delete set null;
comment on column household.formed_on is 'the day a household split out of formed_from: it is on record from that day on';
comment on column household.ended_on is 'the day the household merged into merged_into: it is on record until that day';

-- So that the history's rows key to their household with its county, as the house rule asks of area-bound tables.
create unique index household_id_county on household (id, county_code);

-- Every join and leave of a member, written in the transaction of the change by the registry. A leave keeps the
-- member as they were on the register (member) and the day their stay began (joined_on, null: with the household),
-- so that statistics count the people of a household at the end of any year.
create table member_event (
    id                 bigserial primary key,
    household_id       bigint not null,
    county_code        varchar(6) collate "C" not null,
    village_code       varchar(12) collate "C" not null,
    kind               text not null check (kind in ('JOIN', 'LEAVE')),
    reason             text not null check (reason in ('BIRTH', 'MARRIAGE_IN', 'RETURN', 'DEATH', 'MARRIAGE_OUT',
                                                       'MOVED_AWAY', 'SPLIT', 'MERGE')),
    day                date not null,
    year               smallint not null check (year between 1900 and 2100),
    joined_on          date,
    member_id          bigint not null,
    name               text not null,
    id_number          varchar(18) collate "C" not null,
    member             jsonb not null,
    other_household_id bigint,
    other_county_code  varchar(6) collate "C",
    note               text check (length(note) <= 2000),
    recorded_by        text,
    recorded_at        timestamptz not null,
    foreign key (household_id, county_code) references household (id, county_code) on update cascade on delete cascade,
    foreign key (other_household_id, other_county_code) references household (id, county_code)
        on update cascade on delete set null
);
create index member_event_household on member_event (household_id, id);
create index member_event_id_number on member_event (id_number);
comment on table member_event is 'append-only for the application: each member''s joins and leaves, the day each happened apart from when it was entered';
comment on column member_event.day is 'the day it happened (China), given with the change';
comment on column member_event.year is 'the year it counts in: the year of its day';
comment on column member_event.joined_on is 'for a leave: the day the stay it ends began; null: with the household';
comment on column member_event.member is 'the member as on the register when the event was entered';
comment on column member_event.other_household_id is 'split and merge: the household the member left for or came from';

insert into maintenance_analyzable (table_name) values ('member_event');

do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('grant select, insert on table member_event to %I', app);
    execute format('revoke update, delete, truncate on member_event from %I', app);
    execute format('grant usage, select on sequence member_event_id_seq to %I', app);
end;
$$;
