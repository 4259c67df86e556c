-- The registry's status history (V35) replaced the statistics' status events (V20, dropped by V36): the application's
-- ANALYZE after bulk writes names the new table, and the history is append-only for the application, as the audit
-- trail is. A household's deletion still removes its history: the foreign key's cascade runs as the table's owner.
update maintenance_analyzable set table_name = 'household_status_event' where table_name = 'statistics_status_event';

do $$
declare
    app text := '${appRole}';
begin
    if app = current_user then
        return;
    end if;
    execute format('revoke update, delete, truncate on household_status_event from %I', app);
end;
$$;
