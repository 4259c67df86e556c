-- The registry: households at their administrative village, their members, and their income by year.

-- Causes of poverty: a code list administrators can extend.
create table poverty_cause (
    code       text primary key check (code ~ '^[A-Z][A-Z_]{1,39}$'),
    name_zh    text not null,
    name_en    text not null,
    created_at timestamptz not null default now()
);
insert into poverty_cause (code, name_zh, name_en) values
    ('ILLNESS',        '因病',     'Illness'),
    ('DISABILITY',     '因残',     'Disability'),
    ('SCHOOLING',      '因学',     'Schooling costs'),
    ('DISASTER',       '因灾',     'Disaster'),
    ('LACK_OF_LAND',   '缺土地',   'Lack of land'),
    ('LACK_OF_WATER',  '缺水',     'Lack of water'),
    ('LACK_OF_SKILLS', '缺技术',   'Lack of skills'),
    ('LACK_OF_LABOUR', '缺劳力',   'Lack of labour'),
    ('LACK_OF_FUNDS',  '缺资金',   'Lack of funds'),
    ('POOR_TRANSPORT', '交通条件落后', 'Poor transport'),
    ('LACK_OF_DRIVE',  '自身发展动力不足', 'Lack of own drive');

create table household (
    id              bigserial primary key,
    village_code    varchar(12) collate "C" not null references area (code) check (length(village_code) = 12),
    group_name      text check (length(group_name) <= 100),
    address         text check (length(address) <= 200),
    phone           text check (length(phone) <= 30),
    category        text not null check (category in ('GENERAL', 'DIBAO', 'WUBAO')),
    status          text not null default 'CANDIDATE'
                    check (status in ('CANDIDATE', 'REGISTERED', 'EXITED', 'CANCELLED', 'RETURNED')),
    main_cause      text references poverty_cause (code),
    other_causes    text[] not null default '{}',
    housing_grade   text check (housing_grade in ('A', 'B', 'C', 'D')),
    safe_water      boolean,
    production      text check (length(production) <= 2000),
    bank_account    text check (bank_account ~ '^[0-9]{8,30}$'),
    registered_year smallint check (registered_year between 1978 and 2100),
    version         integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index household_village on household (village_code);
comment on column household.housing_grade is 'dangerous-house grade: A safe, B, C and D dangerous';
comment on column household.version is 'optimistic lock: an update names the version it read';

-- Per capita net income, yuan per year; the income of several years is kept.
create table household_income (
    household_id bigint        not null references household (id),
    year         smallint      not null check (year between 1978 and 2100),
    amount       numeric(12, 2) not null check (amount >= 0 and amount <= 1000000),
    primary key (household_id, year)
);

-- A person is registered once in the whole country: the ID number is unique across all households.
create table member (
    id               bigserial primary key,
    household_id     bigint      not null references household (id),
    village_code     varchar(12) collate "C" not null,
    name             text        not null check (length(name) between 1 and 50),
    id_number        varchar(18) collate "C" not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
    relation         text        not null check (relation in ('HEAD', 'SPOUSE', 'CHILD', 'CHILD_IN_LAW', 'GRANDCHILD',
                                                              'PARENT', 'GRANDPARENT', 'SIBLING', 'OTHER')),
    sex              text        not null check (sex in ('MALE', 'FEMALE')),
    birth_date       date        not null,
    ethnicity        text check (length(ethnicity) <= 20),
    education        text check (education in ('NONE', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE')),
    schooling        text check (schooling in ('NOT_IN_SCHOOL', 'PRESCHOOL', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE')),
    health           text        not null default 'HEALTHY'
                     check (health in ('HEALTHY', 'CHRONIC_ILLNESS', 'SERIOUS_ILLNESS', 'DISABILITY')),
    disability_grade smallint check (disability_grade between 1 and 4),
    work_ability     text check (work_ability in ('FULL', 'WEAK', 'NONE')),
    skills           text check (length(skills) <= 200),
    migrant_place    text check (length(migrant_place) <= 100),
    migrant_months   smallint check (migrant_months between 0 and 12),
    check ((health = 'DISABILITY') = (disability_grade is not null))
);
comment on column member.village_code is 'the household''s village, so that people are found by area without a join';
create unique index member_one_head on member (household_id) where relation = 'HEAD';
create index member_household on member (household_id);
create index member_name on member (name, village_code);
create index member_village on member (village_code);
