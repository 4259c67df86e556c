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
 * transaction that also marks the job done.
 */
@JingzhunTest
class ImportInterruptionTest {

    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobCutShortIsMarkedInterruptedAndItsStagingGoes() throws Exception {
        Path upload = Files.createTempFile("jingzhun-import-", ".upload");
        long id = jdbc.sql("""
                insert into import_job (user_id, user_login, file_name, file_size, checksum, format, mode, status, upload_path)
                values (0, 'gone', 'big.csv', 100, 'x', 'CSV', 'VALID_ROWS', 'WRITING', :path) returning id""")
                .param("path", upload.toString()).query(Long.class).single();
        jdbc.sql("insert into import_row (job_id, row_number, id_number, cells) values (:id, 2, '530102193001010011', '')")
                .param("id", id).update();
        jdbc.sql("insert into import_problem (job_id, row_number, code, message_key) values (:id, 2, 'x', 'import.failed')")
                .param("id", id).update();

        jobs.markInterrupted();

        assertThat(jdbc.sql("select status from import_job where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("INTERRUPTED");
        assertThat(jdbc.sql("select count(*) from import_row where job_id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from import_problem where job_id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(upload).doesNotExist();
    }
}
