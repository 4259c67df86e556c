package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingzhun.JingzhunTest;
import org.jingzhun.platform.DatabaseAvailabilityChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15, item 1: when the database is back, an instance marks interrupted the imports it ran (and those from before
 * imports had an instance), not another instance's, which that instance may still be running.
 */
@JingzhunTest
class ImportsCutByDatabaseOutageTest {

    @Autowired
    ImportsCutByDatabaseOutage outage;
    @Autowired
    UploadFolder uploads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyThisInstancesImportsAreMarked() {
        long ours = insertJob(uploads.instance());
        long elsewhere = insertJob("another-instance-" + java.util.UUID.randomUUID());

        outage.databaseChanged(new DatabaseAvailabilityChanged(false));

        assertThat(status(ours)).isEqualTo("INTERRUPTED");
        assertThat(status(elsewhere)).isEqualTo("CHECKING");
        jdbc.sql("update import_job set status = 'FAILED' where id = :id").param("id", elsewhere).update();
    }

    private long insertJob(String instance) {
        return jdbc.sql("""
                insert into import_job (user_id, user_login, file_name, file_size, checksum, format, mode, status, instance_id)
                values (0, 'outage', 'cut.csv', 1, 'x', 'CSV', 'VALID_ROWS', 'CHECKING', :instance) returning id""")
                .param("instance", instance).query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("select status from import_job where id = :id").param("id", id).query(String.class).single();
    }
}
