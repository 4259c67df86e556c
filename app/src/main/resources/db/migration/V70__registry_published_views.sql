-- The registry publishes views of its tables for the modules that read households, members and incomes in SQL
-- (identification's lists and checks, imports' checks against the register): they read these, never the tables,
-- so that the registry may change its tables behind them (issue 16). The application's role may only read them;
-- only the registry's own SQL writes the tables (TableOwnersTest). Bank accounts and phone numbers are left out: no
-- reader outside the registry needs them, and what is shown of a household goes through the registry's face.
create view registry_household as
select id, village_code, county_code, group_name, address, category, status, main_cause, other_causes, housing_grade,
       safe_water, production, registered_year, external_ref, version, created_at, updated_at, formed_on, formed_from,
       ended_on, merged_into
  from household;
comment on view registry_household is 'the registry''s households for other modules'' SQL (read only)';

create view registry_member as
select id, household_id, village_code, name, id_number, relation, sex, birth_date, ethnicity, education, schooling,
       health, disability_grade, work_ability, joined_on, join_reason
  from member;
comment on view registry_member is 'the people on the register now, for other modules'' SQL (read only)';

create view registry_income as
select household_id, year, amount from household_income;
comment on view registry_income is 'per capita net income by household and year, for other modules'' SQL (read only)';

create view registry_status_event as
select id, household_id, day, year, from_status, to_status, recorded_at from household_status_event;
comment on view registry_status_event is 'each household''s status history, for other modules'' SQL (read only)';

create view registry_member_event as
select id, household_id, county_code, village_code, kind, reason, day, year, joined_on, member_id, id_number,
       other_household_id
  from member_event;
comment on view registry_member_event is 'members'' joins and leaves, for other modules'' SQL (read only)';

do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('grant select on registry_household, registry_member, registry_income, registry_status_event,'
                   ' registry_member_event to %I', app);
end;
$$;
