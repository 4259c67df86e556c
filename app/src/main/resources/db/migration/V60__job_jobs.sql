-- One job runner for all long work (imports, demonstration data, later cross-checks and reports): a job has its
-- owner (who it runs as), its area (the key of fairness between areas), its kind, progress and result, and the
-- instance running it. Each instance beats in job_instance; an instance whose beat is too old is gone, and its
-- unfinished jobs are marked interrupted by the next instance that starts.

create table job (
    id          bigserial primary key,
    kind        text        not null check (length(kind) between 1 and 40),
    owner_id    bigint      not null,
    owner_login text        not null,
    owner_roles text[]      not null default '{}',
    owner_areas text[]      not null default '{}',
    area_code   text        not null default '',
    county_code varchar(6)  not null generated always as (case when length(area_code) >= 6 then left(area_code, 6) else '' end) stored,
    parameters  text        not null default '' check (length(parameters) <= 4000),
    state       text        not null default 'QUEUED' check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED')),
    step        text,
    progress    real        not null default 0 check (progress between 0 and 1),
    result_key  text,
    result_args text[]      not null default '{}',
    instance_id text,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    finished_at timestamptz
);
comment on column job.area_code is 'the smallest area covering the owner''s areas: the key of fairness between areas';
comment on column job.county_code is 'the owner''s county (or the county of their township or village); empty above a county';
comment on column job.owner_roles is 'the owner''s roles at submission, which the job runs with';
comment on column job.owner_areas is 'the owner''s areas at submission: the scope the job runs in';
comment on column job.instance_id is 'the instance running the job; set while queued when only that instance can run it (its files are there)';
comment on column job.step is 'a message key naming where the job is';

create index job_owner on job (owner_id, id desc);
create index job_waiting on job (kind, id) where state = 'QUEUED';
create index job_running on job (instance_id, area_code) where state = 'RUNNING';
create index job_served on job (area_code, started_at desc) where started_at is not null;

create table job_instance (
    id           text        primary key check (length(id) <= 300),
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
);
comment on table job_instance is 'the instances running jobs, each beating while it lives: one whose beat is old is gone';

-- The imports become jobs: an import's own details stay in import_job under the id of its job. The jobs of earlier
-- imports are made from them, and both tables draw their ids from the job's sequence so that they never collide.
insert into job (id, kind, owner_id, owner_login, owner_roles, owner_areas, area_code, state, progress, result_key,
                 result_args, instance_id, created_at, started_at, finished_at)
select id, 'import', user_id, user_login, uploader_roles, uploader_areas, area_code,
       case when status = 'QUEUED' then 'QUEUED'
            when status in ('READING', 'CHECKING', 'WRITING') then 'RUNNING'
            when status in ('DONE', 'REFUSED') then 'DONE'
            else status end,
       case when status in ('DONE', 'REFUSED') then 1 else 0 end,
       message_key, message_args, instance_id, created_at, started_at, finished_at
  from import_job;
select setval(pg_get_serial_sequence('job', 'id'),
              greatest((select max(id) from import_job), (select max(id) from job), 1));
alter table import_job alter column id set default nextval('job_id_seq');

-- What other modules may read of the jobs (the job module alone writes them): an import finds whether its job is on.
create view job_state as select id, kind, state, area_code, county_code, instance_id from job;
comment on view job_state is 'published by the job module: the state of each job, for the modules whose kinds they run';
