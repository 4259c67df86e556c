-- Issue 15, item 3: each job is tied to its staged import's report (V82, V83); the household import's own staging and
-- report go, the staged import keeps both.
alter table import_job add constraint import_job_table_import foreign key (table_import_id) references table_import (id)
    on delete set null;
drop table import_refused_row;
drop table import_problem;
drop table import_row;
-- The header of a file is its staged import's (table_import.header), as V83 moved it there.
alter table import_job drop column header;
