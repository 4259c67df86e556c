-- The procedure engine logs the changes of cases whose subjects are villages (procedure_change), in the transaction of
-- each step, for whoever counts villages by their procedures (the statistics' poor villages), instead of the statistics'
-- row trigger on procedure_case (V56): a distributed engine runs no triggers on a table sharded by county code.
create table procedure_change (
    id           bigserial,
    county_code  varchar(6)  collate "C" not null,
    procedure    text        not null,
    area_code    varchar(12) collate "C" not null,
    primary key (id, county_code)
);
comment on table procedure_change is 'cases of village subjects that changed: written by the engine with each step, taken by the statistics';

drop trigger statistics_village_case_inserted on procedure_case;
drop trigger statistics_village_case_updated on procedure_case;
drop function statistics_village_case_changed();

do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('grant select, insert, delete on table procedure_change to %I', app);
    execute format('grant usage, select on sequence procedure_change_id_seq to %I', app);
end;
$$;
