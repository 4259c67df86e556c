-- A county's own settings for its notices (issue 17): the hotline the public calls to object or complain, printed on
-- every publicity list and announcement of the county. 12317, the national poverty alleviation hotline, unless the
-- county sets its own. A county without a row uses the default: no row is needed for every county.
create table county_setting (
    county_code varchar(6)  collate "C" primary key check (county_code ~ '^[0-9]{6}$'),
    hotline     varchar(20) not null default '12317' check (hotline ~ '^[0-9][0-9 -]{2,19}$'),
    updated_by  text        not null,
    updated_at  timestamptz not null
);
comment on table county_setting is 'settings a county makes for its notices (the hotline); written by identification only';

grant select, insert, update on table county_setting to ${appRole};
