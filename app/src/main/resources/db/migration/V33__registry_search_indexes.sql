-- Household search (issue 11 item 15, issue 13 item 5).
-- Names match by their beginning ("李" finds 李四): LIKE 'prefix%' can use a btree index under any database collation
-- only with text_pattern_ops, which serves equality too, so it replaces the (name, village_code) index rather than
-- adding a sixth index every member enters.
drop index member_name;
create index member_name on member (name text_pattern_ops, village_code);

-- Search pages list a caller's area in (village, id) order, so that a county's first page reads its first rows
-- of this index instead of sorting its 100,000 households; it serves the village lookups of the former index too.
drop index household_village;
create index household_village on household (village_code, id);

-- A status within an area, in the same order: rare statuses (returned, exited) are found without reading
-- every household of a county.
create index household_status on household (status, village_code, id);
