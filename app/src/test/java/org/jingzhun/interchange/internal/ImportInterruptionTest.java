package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job the system was running when it stopped (killed, or the machine lost power) is found at the next start:
 * marked interrupted, its staging and upload removed. The registry never saw it: its rows enter only in the
 * transaction that also marks the job done. Uploads no job needs are removed from the data directory too.
 */
@JingzhunTest
class ImportInterruptionTest {

    @Autowired
    ImportJobs jobs;
    @Autowired
    UploadFolder uploads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobCutShortIsMarkedInterruptedAndItsStagingAndLeftoverUploadsGo() throws Exception {
        Path upload = uploads.newUpload();
        Path leftover = uploads.newUpload(); // of a job whose end the killed process never recorded
        long id = insertJob(uploads.instance(), upload);
        long elsewhere = insertJob("another-instance", uploads.directory().resolve("not-ours.upload"));
        // Its report so far: the problems its checks found (its staging went with its session).
        long report = jdbc.sql("""
                insert into table_import (kind, user_id, user_login, file_name, checksum, mode, header, columns, created_at)
                values ('household', 0, 'gone', 'big.csv', 'x', 'VALID_ROWS', '{}', '{}', now()) returning id""")
                .query(Long.class).single();
        jdbc.sql("update import_job set table_import_id = :report where id = :id").param("report", report).param("id", id).update();
        jdbc.sql("insert into table_import_problem (import_id, row_number, code, message_key) values (:report, 2, 'x', 'import.failed')")
                .param("report", report).update();

        jobs.recover(uploads.instance()); // what the next start does

        assertThat(status(id)).isEqualTo("INTERRUPTED");
        assertThat(jdbc.sql("select count(*) from table_import where id = :report").param("report", report).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from table_import_problem where import_id = :report").param("report", report).query(Long.class).single()).isZero();
        assertThat(upload).doesNotExist();
        assertThat(leftover).doesNotExist();
        // A job another instance holds (its upload on that instance's disk) is that instance's to recover.
        assertThat(status(elsewhere)).isEqualTo("WRITING");
        jdbc.sql("update import_job set status = 'FAILED' where id = :id").param("id", elsewhere).update();
    }

    private long insertJob(String instance, Path upload) {
        return jdbc.sql("""
                insert into import_job (user_id, user_login, file_name, file_size, checksum, format, mode, status, upload_path,
                                        instance_id)
                values (0, 'gone', 'big.csv', 100, 'x', 'CSV', 'VALID_ROWS', 'WRITING', :path, :instance) returning id""")
                .param("path", upload.toString()).param("instance", instance).query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("select status from import_job where id = :id").param("id", id).query(String.class).single();
    }
}
