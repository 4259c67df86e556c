package org.jingzhun.interchange.internal;

import java.util.List;

import org.jingzhun.platform.DatabaseAvailabilityChanged;
import org.jingzhun.platform.table.StagedImports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports that were running when the database went away were cut short: their transaction is gone and their
 * staged rows with it (staged in the session of their connection). When the database is back, and
 * before requests are let through, this instance's are marked interrupted, as a restart of the system would mark
 * them (their jobs the job runner marks); another instance's imports are that instance's to mark.
 */
@Component
class ImportsCutByDatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(ImportsCutByDatabaseOutage.class);

    private final JdbcClient jdbc;
    private final UploadFolder uploads;
    private final StagedImports imports;

    ImportsCutByDatabaseOutage(JdbcClient jdbc, UploadFolder uploads, StagedImports imports) {
        this.jdbc = jdbc;
        this.uploads = uploads;
        this.imports = imports;
    }

    @EventListener
    void databaseChanged(DatabaseAvailabilityChanged change) {
        if (change.away()) {
            return;
        }
        List<Long[]> cut = jdbc.sql("""
                update import_job set status = 'INTERRUPTED', finished_at = now(), message_key = 'import.interrupted'
                 where status in ('READING', 'CHECKING', 'WRITING') and (instance_id = :instance or instance_id is null)
                returning id, table_import_id""").param("instance", uploads.instance())
                .query((rs, i) -> new Long[] {rs.getLong(1), rs.getObject(2, Long.class)}).list();
        for (Long[] job : cut) {
            long id = job[0];
            if (job[1] != null) {
                imports.forget(job[1]); // the report so far of what it checked
            }
            log.warn("Import {} was cut short when the database went away; nothing of it was written", id);
        }
    }
}
