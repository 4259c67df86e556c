-- Users, their roles and areas, and personal API tokens.
create table app_user (
    id                   bigserial primary key,
    login                text        not null unique check (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    name                 text        not null check (length(name) between 1 and 200),
    password_hash        text        not null,
    language             text        not null default 'zh_CN' check (language in ('en', 'zh_CN')),
    enabled              boolean     not null default true,
    must_change_password boolean     not null default false,
    failed_logins        integer     not null default 0,
    locked_until         timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

create table user_role (
    user_id bigint not null references app_user (id),
    role    text   not null check (role in ('ADMINISTRATOR', 'DATA_ENTRY', 'REVIEWER', 'ANALYST', 'AUDITOR')),
    primary key (user_id, role)
);

-- The areas a user is bound to; '' is the nation. Codes are checked against area by the application,
-- since the nation has no row there.
create table user_area (
    user_id   bigint      not null references app_user (id),
    area_code varchar(12) collate "C" not null check (area_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})?$'),
    primary key (user_id, area_code)
);
create index user_area_code on user_area (area_code);

-- Tokens are shown once at creation; only their SHA-256 is kept.
create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references app_user (id),
    name         text        not null check (length(name) between 1 and 100),
    token_hash   text        not null unique,
    prefix       text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);
