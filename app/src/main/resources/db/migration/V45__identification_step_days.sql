-- Procedures held on paper and entered afterwards (issue 12, item 3): an objection keeps the days it was filed and
-- decided, beside the instants it was entered (filed_at, decided_at). The days of objections already stored are
-- those they were entered on, in China.
alter table objection add column filed_on date, add column decided_on date;
update objection set filed_on = (filed_at at time zone 'Asia/Shanghai')::date,
                     decided_on = case when state <> 'OPEN'
                                       then greatest(coalesce(decided_at, filed_at), filed_at) at time zone 'Asia/Shanghai' end::date;
alter table objection alter column filed_on set not null,
    add constraint objection_decided_on check ((decided_on is null) = (state = 'OPEN') and decided_on >= filed_on);
comment on column objection.filed_on is 'the day the objection was filed (China), perhaps on paper long before it was entered (filed_at)';
comment on column objection.decided_on is 'the day it was decided (China); decided_at is when that was entered';
comment on column procedure_step.done_on is 'the day the step happened (China), given or the day it was entered; recorded_at is when it was entered, actor_login by whom';
