-- Bulk imports of households: the job with its progress and result, the uploaded rows as staged, and the
-- problems found, so that a report can be read (and downloaded) long after the import ran.

create table import_job (
    id              bigserial primary key,
    user_id         bigint      not null,
    user_login      text        not null,
    file_name       text        not null check (length(file_name) <= 255),
    file_size       bigint      not null check (file_size >= 0),
    checksum        text        not null,
    format          text        not null check (format in ('CSV', 'XLSX')),
    charset         text,
    mode            text        not null check (mode in ('VALID_ROWS', 'ALL_OR_NOTHING')),
    status          text        not null default 'QUEUED'
                    check (status in ('QUEUED', 'READING', 'CHECKING', 'WRITING', 'DONE', 'REFUSED', 'FAILED', 'INTERRUPTED')),
    bytes_read      bigint      not null default 0,
    rows_read       integer     not null default 0,
    households      integer     not null default 0,
    households_added integer    not null default 0,
    members_added   integer     not null default 0,
    households_unchanged integer not null default 0,
    rows_refused    integer     not null default 0,
    message_key     text,
    message_args    text[]      not null default '{}',
    warnings        jsonb       not null default '[]',
    header          text[],
    upload_path     text,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
create index import_job_user on import_job (user_id, id desc);
comment on column import_job.message_key is 'why the file was refused whole, or why the job failed';
comment on column import_job.warnings is 'what was read but not taken, e.g. unknown columns: [{"key", "args"}]';
comment on column import_job.upload_path is 'the uploaded file while the job needs it; removed when the job stops';

-- The rows as read and normalised: codes instead of labels, ISO dates, plain numbers. Unlogged: staging
-- rows are worth nothing after a crash, and the job is then marked interrupted.
create unlogged table import_row (
    job_id          bigint  not null,
    row_number      integer not null,
    household_key   text,
    village_code    text,
    group_name      text,
    address         text,
    phone           text,
    category        text,
    main_cause      text,
    other_causes    text[],
    housing_grade   text,
    safe_water      boolean,
    production      text,
    bank_account    text,
    registered_year integer,
    income_year     integer,
    income          numeric(12, 2),
    name            text,
    id_number       text,
    relation        text,
    sex             text,
    birth_date      date,
    ethnicity       text,
    education       text,
    schooling       text,
    health          text,
    disability_grade integer,
    work_ability    text,
    skills          text,
    migrant_place   text,
    migrant_months  integer,
    cells           text    not null,
    problems        jsonb,
    unchanged       boolean not null default false
);
comment on column import_row.cells is 'the row exactly as in the file, its cells joined by U+001F, for the report to give back';
comment on table import_row is 'no index: each check reads all the rows of one job, the only one running';
comment on column import_row.unchanged is 'the household is registered already with exactly these people: a re-upload';
comment on column import_row.problems is 'what the checks in Java found: [{"column", "code", "key", "args"}]';

create table import_problem (
    job_id      bigint  not null references import_job (id),
    row_number  integer not null,
    column_key  text,
    code        text    not null,
    message_key text    not null,
    args        text[]  not null default '{}'
);
create index import_problem_job on import_problem (job_id, row_number);

-- The rows refused, as in the file (cells joined by U+001F), kept so the report can be downloaded to fix and upload again.
create table import_refused_row (
    job_id     bigint  not null references import_job (id),
    row_number integer not null,
    cells      text    not null,
    primary key (job_id, row_number)
);
