-- Issue 15, item 3: a household file is one kind of the platform's staged import, which keeps its report (problems
-- and refused rows) in table_import; a job names its import there. Staging is the importing session's temporary table
-- now. The jobs with a report of the former staging get the number their report takes in table_import (V83 moves the
-- reports there, V84 then ties the jobs to them and drops the former staging and report).
alter table import_job add column table_import_id bigint;
update import_job j set table_import_id = nextval('table_import_id_seq')
 where exists (select 1 from import_problem p where p.job_id = j.id)
    or exists (select 1 from import_refused_row r where r.job_id = j.id);
