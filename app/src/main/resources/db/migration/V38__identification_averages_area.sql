-- Computed averages over a chosen area of the province (issue 12, item 12): a prefecture or county, as provinces
-- sometimes do for a pilot area. Null: the whole province. The assessment keeps where its averages came from.
alter table province_averages
    add column area_code varchar(12) collate "C" references area (code),
    add constraint province_averages_area_inside check (area_code is null or (method = 'COMPUTED'
        and left(area_code, 2) = province_code and length(area_code) in (4, 6)));
comment on column province_averages.area_code is 'computed over the villages of this prefecture or county of the province; null: all of its villages';

alter table village_assessment_run
    add column averages_area varchar(12) collate "C",
    add column averages_villages integer check (averages_villages >= 0);
comment on column village_assessment_run.averages_area is 'the area whose villages the computed averages came from (the province itself when over all); null when entered';
comment on column village_assessment_run.averages_villages is 'how many villages of that area, those with rural residents, the computed averages came from';
