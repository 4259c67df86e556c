-- Administrative divisions: the spine of the system. The code's prefix is its ancestors, so
-- "everything inside X" is code LIKE 'X%'; the C collation lets the primary key index serve it.
create table area (
    code        varchar(12) collate "C" primary key check (code ~ '^[0-9]+$' and length(code) in (2, 4, 6, 9, 12)),
    name        text        not null check (name <> ''),
    level       smallint    not null check (level between 1 and 5),
    parent_code varchar(12) collate "C" references area (code),
    retired_at  timestamptz,
    check ((level = 1) = (parent_code is null))
);
create index area_parent on area (parent_code);
create index area_name on area (name);

comment on column area.level is '1 province, 2 prefecture, 3 county, 4 township, 5 administrative village';
comment on column area.retired_at is 'set when a newer edition no longer lists the code; areas are never deleted';

-- Direct children and villages below each area that is not a village, active ones only; '' is the nation.
-- Recomputed by the loader in the same transaction, so the counts always match the table.
create table area_size (
    code     varchar(12) collate "C" primary key,
    children integer not null,
    villages integer not null
);

-- Every load of a division edition, with what it changed.
create table area_edition (
    id        bigserial primary key,
    source    text        not null,
    checksum  text        not null,
    loaded_at timestamptz not null default now(),
    provinces integer     not null,
    prefectures integer   not null,
    counties  integer     not null,
    townships integer     not null,
    villages  integer     not null,
    added     integer     not null,
    renamed   integer     not null,
    retired   integer     not null
);

-- The contiguous destitute areas ("11 + 3") that poor counties may belong to.
create table destitute_area (
    code    text primary key,
    name_zh text not null,
    name_en text not null
);
insert into destitute_area (code, name_zh, name_en) values
    ('LIUPAN',        '六盘山区',               'Liupan Mountains'),
    ('QINBA',         '秦巴山区',               'Qinba Mountains'),
    ('WULING',        '武陵山区',               'Wuling Mountains'),
    ('WUMENG',        '乌蒙山区',               'Wumeng Mountains'),
    ('DIANGUIQIAN',   '滇桂黔石漠化区',         'Yunnan-Guangxi-Guizhou rocky desertification area'),
    ('DIANXI',        '滇西边境山区',           'West Yunnan border mountains'),
    ('DAXINGANLING',  '大兴安岭南麓山区',       'South of the Greater Khingan'),
    ('YANSHAN_TAIHANG', '燕山-太行山区',        'Yanshan-Taihang Mountains'),
    ('LVLIANG',       '吕梁山区',               'Lvliang Mountains'),
    ('DABIE',         '大别山区',               'Dabie Mountains'),
    ('LUOXIAO',       '罗霄山区',               'Luoxiao Mountains'),
    ('TIBET',         '西藏区',                 'Tibet'),
    ('FOUR_PROVINCES_TIBETAN', '四省藏区',      'Tibetan areas of four provinces'),
    ('SOUTH_XINJIANG', '新疆南疆三地州',        'Three prefectures of South Xinjiang');

-- Attributes of county-level areas. A county without a row has none of them.
create table county_attribute (
    county_code    varchar(12) collate "C" primary key references area (code),
    national_key   boolean not null default false,
    poor           boolean not null default false,
    destitute_area text references destitute_area (code),
    provincial_key boolean not null default false,
    region         text check (region in ('EAST', 'CENTRAL', 'WEST')),
    updated_at     timestamptz not null default now(),
    -- Poor counties are the national key counties plus the counties of the contiguous destitute areas.
    check (poor or not (national_key or destitute_area is not null))
);
comment on column county_attribute.region is 'null: the region of the province';
