-- The county lists shipped with Jingzhun (data/counties) that were loaded into county_attribute, each once: a list
-- is loaded at first start, and never again, so that what an administrator changes afterwards on the county pages
-- stays as they set it.
create table county_list_load (
    name      text primary key,
    source    text        not null,
    counties  integer     not null,
    loaded_at timestamptz not null default now()
);
grant select, insert on table county_list_load to ${appRole};
