-- Every problem of a refusal too long to show whole (issue 12, item 5): kept for a day under an id that the refusal
-- names, for the user it was given to, who reads it a page at a time or downloads it. Messages are kept as given, in
-- the language of the request that was refused.
create table refusal (
    id         uuid primary key,
    login      text        not null,
    problems   integer     not null check (problems > 0),
    created_at timestamptz not null
);
create index refusal_created on refusal (created_at);
comment on table refusal is 'refusals with more problems than a refusal shows; removed a day after they were made';

create table refusal_problem (
    refusal_id uuid    not null references refusal (id) on delete cascade,
    n          integer not null,
    field      text,
    code       text,
    message    text    not null,
    primary key (refusal_id, n)
);
