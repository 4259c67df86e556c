-- Identification: poor households ("two publicities and one announcement") and poor villages ("one high, one
-- low, one none"; one publicity and one announcement). Each household procedure belongs to a round of its
-- county and year; every step, objection and attachment is kept.

-- The county is the unit: one round a county and year, with the scale given from above (the quota).
create table identification_round (
    id               bigserial primary key,
    county_code      varchar(6) collate "C" not null references area (code) check (length(county_code) = 6),
    year             smallint    not null check (year between 2000 and 2100),
    publicity_days   smallint    not null default 7 check (publicity_days between 1 and 30),
    quota_households integer check (quota_households >= 0),
    quota_people     integer check (quota_people >= 0),
    quota_set_by     text,
    override_reason  text check (length(override_reason) <= 2000),
    override_by      text,
    override_at      timestamptz,
    created_by       text        not null,
    created_at       timestamptz not null default now(),
    unique (county_code, year)
);
comment on column identification_round.override_reason is 'a higher level allowed the county to exceed its quota, and why';

-- A household's way through the procedure of one round.
create table household_application (
    id               bigserial primary key,
    round_id         bigint      not null references identification_round (id),
    household_id     bigint      not null references household (id),
    village_code     varchar(12) collate "C" not null,
    stage            text        not null,
    stage_since      date        not null,
    proposed_by      text        not null check (proposed_by in ('HOUSEHOLD', 'VILLAGE')),
    publicity_start  date,
    publicity_end    date,
    exception_reason text check (length(exception_reason) <= 2000),
    version          integer     not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (round_id, household_id),
    check (stage in ('APPLIED', 'APPRAISED', 'VERIFIED', 'FIRST_PUBLICITY', 'TOWNSHIP_REVIEWED', 'SECOND_PUBLICITY',
                     'COUNTY_APPROVED', 'ANNOUNCED', 'REJECTED')),
    check ((publicity_start is null) = (publicity_end is null) and publicity_end >= publicity_start)
);
create index household_application_village on household_application (village_code, stage);
create index household_application_round on household_application (round_id, stage);
comment on column household_application.stage_since is 'the day (in China) the stage was reached: the announcement''s date once announced';
create index household_application_household on household_application (household_id);
-- A household is in at most one procedure that has not ended.
create unique index household_application_open on household_application (household_id)
    where stage not in ('ANNOUNCED', 'REJECTED');

-- What a village reports for a year, entered or imported; what is not entered comes from the registry.
create table village_figures (
    village_code      varchar(12) collate "C" not null references area (code) check (length(village_code) = 12),
    year              smallint    not null check (year between 2000 and 2100),
    rural_residents   integer check (rural_residents >= 0),
    per_capita_income numeric(12, 2) check (per_capita_income >= 0),
    collective_income numeric(14, 2) check (collective_income >= 0),
    updated_by        text        not null,
    updated_at        timestamptz not null default now(),
    primary key (village_code, year)
);
comment on column village_figures.collective_income is 'yuan of collective economic income in the year; 0 is none, null unknown';

-- The provincial averages the village tests compare with: entered by the province, or computed from the registry.
create table province_averages (
    province_code     varchar(2) collate "C" not null references area (code) check (length(province_code) = 2),
    year              smallint    not null check (year between 2000 and 2100),
    method            text        not null check (method in ('ENTERED', 'COMPUTED')),
    poverty_rate      numeric(7, 6) check (poverty_rate between 0 and 1),
    per_capita_income numeric(12, 2) check (per_capita_income > 0),
    updated_by        text        not null,
    updated_at        timestamptz not null default now(),
    primary key (province_code, year),
    check (method = 'COMPUTED' or (poverty_rate is not null and per_capita_income is not null))
);

-- The last assessment of a province's villages for a year: the figures, the averages and the three tests.
create table village_assessment (
    village_code      varchar(12) collate "C" not null references area (code),
    year              smallint    not null,
    rural_residents   integer,
    residents_source  text        not null check (residents_source in ('ENTERED', 'REGISTRY', 'NONE')),
    poor_people       integer     not null,
    poverty_rate      numeric(9, 6),
    per_capita_income numeric(12, 2),
    income_source     text        not null check (income_source in ('ENTERED', 'REGISTRY', 'NONE')),
    collective_income numeric(14, 2),
    test_high         boolean,
    test_low          boolean,
    test_none         boolean,
    candidate         boolean     not null,
    assessed_at       timestamptz not null,
    primary key (village_code, year)
);
create index village_assessment_candidates on village_assessment (year, village_code) where candidate;

create table village_assessment_run (
    province_code     varchar(2) collate "C" not null,
    year              smallint    not null,
    method            text        not null,
    poverty_rate      numeric(9, 6),
    per_capita_income numeric(12, 2),
    villages          integer     not null,
    candidates        integer     not null,
    assessed_by       text        not null,
    assessed_at       timestamptz not null,
    primary key (province_code, year)
);

-- A village's way through its procedure for a year.
create table village_identification (
    id               bigserial primary key,
    village_code     varchar(12) collate "C" not null references area (code) check (length(village_code) = 12),
    year             smallint    not null check (year between 2000 and 2100),
    stage            text        not null check (stage in ('APPLIED', 'TOWNSHIP_REVIEWED', 'PUBLICITY', 'COUNTY_APPROVED',
                                                           'ANNOUNCED', 'REJECTED')),
    stage_since      date        not null,
    publicity_start  date,
    publicity_end    date,
    exception_reason text check (length(exception_reason) <= 2000),
    version          integer     not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (village_code, year),
    check ((publicity_start is null) = (publicity_end is null) and publicity_end >= publicity_start)
);
create index village_identification_stage on village_identification (year, stage, village_code);

-- Photos and scans of posted lists and meeting minutes. In the database: a few MB each, backed up with the rest.
create table attachment (
    id           bigserial primary key,
    file_name    text        not null check (length(file_name) between 1 and 255),
    content_type text        not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
    size         integer     not null check (size between 1 and 10485760),
    sha256       text        not null,
    content      bytea       not null,
    area_code    varchar(12) collate "C" not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null default now()
);

-- Every step made, for either procedure: who, when, what was decided, with its details and attachment.
create table procedure_step (
    id            bigserial primary key,
    procedure     text        not null check (procedure in ('HOUSEHOLD', 'VILLAGE')),
    subject_id    bigint      not null,
    step          text        not null,
    from_stage    text,
    to_stage      text        not null,
    done_on       date        not null,
    area_code     varchar(12) collate "C" not null,
    actor_id      bigint,
    actor_login   text        not null,
    recorded_at   timestamptz not null default now(),
    details       jsonb       not null default '{}',
    note          text check (length(note) <= 2000),
    attachment_id bigint references attachment (id)
);
create index procedure_step_subject on procedure_step (procedure, subject_id, id);

-- Objections filed during a publicity, by staff or by the public; an open one blocks the next step.
create table objection (
    id             bigserial primary key,
    procedure      text        not null check (procedure in ('HOUSEHOLD', 'VILLAGE')),
    subject_id     bigint      not null,
    area_code      varchar(12) collate "C" not null,
    stage          text        not null,
    text           text        not null check (length(text) between 1 and 2000),
    name           text check (length(name) <= 50),
    contact        text check (length(contact) <= 100),
    by_public      boolean     not null,
    filed_by       text,
    filed_at       timestamptz not null default now(),
    state          text        not null default 'OPEN' check (state in ('OPEN', 'UPHELD', 'DISMISSED')),
    decision       text check (length(decision) <= 2000),
    decided_by     text,
    decided_at     timestamptz,
    check ((state = 'OPEN') = (decision is null))
);
create index objection_subject on objection (procedure, subject_id) ;
create index objection_open on objection (area_code) where state = 'OPEN';
