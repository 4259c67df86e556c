-- A household's external reference (issue 12, item 8): the household number of the office's own register or
-- spreadsheet, kept from an import's household column or typed on the form, so that the office can match the
-- system's households to its files. Unique within its county.
--
-- The household carries its county code as the house rule asks of every area-bound table. It is generated from the
-- village code, so every way households are written (form, imports, the demonstration generator's COPY) keeps it
-- right without knowing it, and a relocation to another county moves it along.
alter table household
    add column county_code  varchar(6) collate "C" generated always as (left(village_code, 6)) stored,
    add column external_ref text check (length(external_ref) between 1 and 50);
comment on column household.county_code is 'the county of the village: the key of uniqueness within a county (and of distribution later)';
comment on column household.external_ref is 'the office''s own household number (an import''s household column, or typed), unique within the county';

-- Unique within its county. The reference leads, so that a search by reference alone (a province's user) finds it
-- by this index too; a unique index of the same two columns in either order refuses the same duplicates.
create unique index household_external_ref on household (external_ref, county_code) where external_ref is not null;
