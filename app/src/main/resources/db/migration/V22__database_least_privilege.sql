-- Least privilege: the migrations run as the owner of the schema; the application's pool logs in as another role
-- (${appRole}, the pool's user) that may only read and write rows. It owns nothing, so it cannot disable or drop a
-- trigger, replace a function or alter a table; on the audit trail it may only insert and read.
--
-- Maintenance the application needs goes through functions the owner owns (security definer), restricted to a
-- list of tables. Later migrations add to maintenance_analyzable what they need analyzed.
create table maintenance_analyzable (
    table_name text primary key
);
comment on table maintenance_analyzable is 'tables the application may ANALYZE through maintenance_analyze, after bulk writes';
insert into maintenance_analyzable (table_name)
values ('area'), ('household'), ('member'), ('household_income'), ('statistics_status_event'), ('import_row');

-- ANALYZE needs the table's owner; the whitelist keeps this from becoming a way to lock or scan any table. A fixed
-- search_path (pg_temp last) so that no object the caller creates can stand in for ours.
create function maintenance_analyze(variadic tables text[]) returns void
    language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
    t text;
begin
    foreach t in array tables loop
        if not exists (select 1 from public.maintenance_analyzable a where a.table_name = t) then
            raise exception 'ANALYZE of % is not allowed to the application', t using errcode = '42501';
        end if;
        execute format('analyze public.%I', t);
    end loop;
end;
$$;
revoke all on function maintenance_analyze(text[]) from public;

-- When the pool logs in as the owner itself (an external database set up that way, allowed by a setting), there is
-- nothing to grant.
do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select, update on all sequences in schema public to %I', app);
    -- The tables of later migrations, without them knowing the role.
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app);
    execute format('alter default privileges in schema public grant usage, select, update on sequences to %I', app);
    -- Append-only for the application: the audit trail (its triggers stay as a second wall, for the owner).
    execute format('revoke update, delete, truncate on audit_event from %I', app);
    -- What only the migrations write.
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
    execute format('revoke insert, update, delete, truncate on maintenance_analyzable from %I', app);
    execute format('grant execute on function maintenance_analyze(text[]) to %I', app);
end;
$$;
