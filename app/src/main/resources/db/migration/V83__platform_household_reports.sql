-- Issue 15, item 3: the reports of household imports from before they were a kind of the staged import (V82) move to
-- the staged import's report, under the number V82 gave each job: problems and refused rows (their cells were joined by
-- U+001F). Their columns' headers were not recorded: the report names such a column by its key. The former staging
-- table goes (V84), so it is no longer the application's to analyze.
insert into table_import (id, kind, user_id, user_login, file_name, checksum, mode, header, columns, rows_read,
                          rows_refused, created_at)
select j.table_import_id, 'household', j.user_id, j.user_login, j.file_name, j.checksum, j.mode, coalesce(j.header, '{}'),
       '{}'::jsonb, j.rows_read, j.rows_refused, j.created_at
  from import_job j where j.table_import_id is not null;

insert into table_import_problem (import_id, row_number, column_key, code, message_key, args)
select j.table_import_id, p.row_number, p.column_key, p.code, p.message_key, p.args
  from import_problem p join import_job j on j.id = p.job_id where j.table_import_id is not null;

insert into table_import_refusal (import_id, row_number, cells)
select j.table_import_id, r.row_number, string_to_array(r.cells, chr(31))
  from import_refused_row r join import_job j on j.id = r.job_id where j.table_import_id is not null;

delete from maintenance_analyzable where table_name = 'import_row';
