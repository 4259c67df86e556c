-- The audit trail: one row per change, written in the transaction of the change. Append-only: the
-- triggers refuse UPDATE, DELETE and TRUNCATE for every database user, the table owner included.
create table audit_event (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor_id    bigint,
    actor_login text        not null,
    entity      text        not null,
    entity_id   text        not null,
    action      text        not null,
    before      jsonb,
    after       jsonb,
    reason      text,
    area_code   varchar(12) collate "C" not null default ''
);
create index audit_event_area on audit_event (area_code, at desc);
create index audit_event_at on audit_event (at desc);
create index audit_event_actor on audit_event (actor_login, at desc);
create index audit_event_entity on audit_event (entity, entity_id);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % is not allowed', tg_op;
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
revoke update, delete, truncate on audit_event from public;
