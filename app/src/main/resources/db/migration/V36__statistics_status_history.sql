-- Statistics read the registry's status history (household_status_event, V35) instead of keeping their own from
-- triggers, which dated every change by the database's clock when it was typed in: a household of a 2013 round
-- announced in 2026 counted as poor from 2026 only. The triggers now only queue the villages touched.
create or replace function statistics_household_inserted() returns trigger language plpgsql as $$
begin
    insert into statistics_dirty_village (village_code) select distinct village_code from new_rows;
    return null;
end $$;

create or replace function statistics_household_updated() returns trigger language plpgsql as $$
begin
    -- both villages of a household that moved
    insert into statistics_dirty_village (village_code)
    select village_code from new_rows union select village_code from old_rows;
    return null;
end $$;

drop table statistics_status_event;

-- Every village with households is recomputed from the history, with the years V35 recomputed.
insert into statistics_dirty_village (village_code) select distinct village_code from household;
