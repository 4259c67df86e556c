-- The staged import of the platform (issue 15): every kind of file other than households (county lists, village
-- figures, the kinds to come) leaves here what was imported, and the rows it refused with their original cells and
-- reasons, so that the refused rows can be downloaded, fixed and uploaded again. Staging itself is a temporary table
-- of the importing transaction. The application's role gets its rights from V22's default privileges.
create table table_import (
    id          bigserial primary key,
    kind        text        not null,
    user_id     bigint      not null,
    user_login  text        not null,
    file_name   text        not null,
    checksum    text        not null,
    mode        text        not null check (mode in ('ALL_OR_NOTHING', 'VALID_ROWS')),
    header      text[]      not null,
    columns     jsonb       not null,
    rows_read   integer     not null default 0,
    rows_valid  integer     not null default 0,
    rows_written integer    not null default 0,
    rows_refused integer    not null default 0,
    created_at  timestamptz not null
);
create index table_import_user on table_import (user_id, id);

create table table_import_refusal (
    import_id  bigint  not null references table_import (id) on delete cascade,
    row_number integer not null,
    cells      text[]  not null,
    primary key (import_id, row_number)
);

create table table_import_problem (
    import_id   bigint  not null references table_import (id) on delete cascade,
    row_number  integer not null,
    column_key  text,
    code        text    not null,
    message_key text    not null,
    args        text[]  not null default '{}'
);
create index table_import_problem_row on table_import_problem (import_id, row_number);
