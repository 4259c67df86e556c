-- Poor villages come from village identification: a village counts as a poor village from the year of the
-- procedure in which it was announced on. Every change to a village's procedure queues the village, so that
-- its figures (and its ancestors') follow within the refresher's round.
create or replace view statistics_poor_village (village_code, year) as
    select village_code, min(year) from village_identification where stage = 'ANNOUNCED' group by village_code;

create trigger statistics_village_identification_inserted after insert on village_identification
    referencing new table as new_rows for each statement execute function statistics_villages_changed();
create trigger statistics_village_identification_updated after update on village_identification
    referencing new table as new_rows for each statement execute function statistics_villages_changed();

insert into statistics_dirty_village (village_code)
select distinct village_code from village_identification where stage = 'ANNOUNCED';
