package org.jingzhun.interchange.internal;

import java.util.List;

import org.jingzhun.platform.DatabaseAvailabilityChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports that were running when the database went away were cut short: their transaction is gone and their
 * staged rows with it (import_row is unlogged, emptied by the server's recovery). When the database is back, and
 * before requests are let through, this instance's are marked interrupted, as a restart of the system would mark
 * them (their jobs the job runner marks); another instance's imports are that instance's to mark.
 */
@Component
class ImportsCutByDatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(ImportsCutByDatabaseOutage.class);

    private final JdbcClient jdbc;
    private final UploadFolder uploads;

    ImportsCutByDatabaseOutage(JdbcClient jdbc, UploadFolder uploads) {
        this.jdbc = jdbc;
        this.uploads = uploads;
    }

    @EventListener
    void databaseChanged(DatabaseAvailabilityChanged change) {
        if (change.away()) {
            return;
        }
        List<Long> cut = jdbc.sql("""
                update import_job set status = 'INTERRUPTED', finished_at = now(), message_key = 'import.interrupted'
                 where status in ('READING', 'CHECKING', 'WRITING') and (instance_id = :instance or instance_id is null)
                returning id""").param("instance", uploads.instance()).query(Long.class).list();
        for (Long id : cut) {
            jdbc.sql("delete from import_row where job_id = :id").param("id", id).update();
            jdbc.sql("delete from import_problem where job_id = :id").param("id", id).update();
            log.warn("Import {} was cut short when the database went away; nothing of it was written", id);
        }
    }
}
