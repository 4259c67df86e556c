-- Imports as a queue in the database, run by several workers: a worker claims the next job with
-- "for update skip locked", fairly by area and uploader, so that one county's large file never holds another's.

alter table import_job
    add column area_code      text   not null default '',
    add column uploader_roles text[] not null default '{}',
    add column uploader_areas text[] not null default '{}',
    add column instance_id    text;
comment on column import_job.area_code is 'the smallest area covering the uploader''s areas: the key of fairness between areas';
comment on column import_job.uploader_roles is 'the uploader''s roles at upload, which the worker acts with';
comment on column import_job.uploader_areas is 'the uploader''s areas at upload: the scope the worker checks the rows against';
comment on column import_job.instance_id is 'the instance holding the upload on its disk: only its workers can run the job';

-- The queue as workers read it: the waiting jobs of an instance, the running ones, and when an area was last served.
create index import_job_waiting on import_job (instance_id, id) where status = 'QUEUED';
create index import_job_running on import_job (instance_id, area_code) where status in ('READING', 'CHECKING', 'WRITING');
create index import_job_served on import_job (area_code, started_at desc) where started_at is not null;

-- Several jobs are staged at once now: each check reads its own job's rows, not those of a large one beside it.
create index import_row_job on import_row (job_id, row_number);
comment on table import_row is 'the rows of the jobs being checked, several at once; removed when a job stops';
