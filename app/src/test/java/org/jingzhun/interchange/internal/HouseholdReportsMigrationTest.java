package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jingzhun.TestDataDirectory;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 3: the reports of household imports made before they were a kind of the staged import (their problems
 * and refused rows) move to the staged import's report, each job tied to its own; a job without a report stays without.
 * On a database of its own, migrated up to just before V82, given imports, then migrated on.
 */
class HouseholdReportsMigrationTest {

    @Test
    void theReportsOfEarlierImportsMoveToTheStagedImportsReport() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("household-reports-migration"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "82");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into import_job (id, user_id, user_login, file_name, file_size, checksum, format, mode, status,
                                                header, rows_read, rows_refused)
                        values (7, 3, 'clerk', 'a.csv', 1, 'sum', 'CSV', 'VALID_ROWS', 'DONE', '{household,name}', 3, 1),
                               (8, 3, 'clerk', 'b.csv', 1, 'sum', 'CSV', 'VALID_ROWS', 'DONE', '{household,name}', 2, 0);
                        insert into import_problem (job_id, row_number, column_key, code, message_key, args)
                        values (7, 3, 'name', 'required', 'member.name.required', '{}'),
                               (7, 3, null, 'household-refused', 'import.household.refused', '{2}');
                        insert into import_refused_row (job_id, row_number, cells) values (7, 3, 'H1' || chr(31) || '');""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertThat(rows(sql, """
                        select j.id || ' ' || coalesce(t.kind || ' ' || t.user_login || ' ' || t.file_name || ' ' || t.header::text
                               || ' ' || t.rows_read || ' ' || t.rows_refused, 'none')
                          from import_job j left join table_import t on t.id = j.table_import_id order by j.id"""))
                        .containsExactly("7 household clerk a.csv {household,name} 3 1", "8 none");
                assertThat(rows(sql, """
                        select p.row_number || ' ' || coalesce(p.column_key, '-') || ' ' || p.code from table_import_problem p
                          join import_job j on j.table_import_id = p.import_id where j.id = 7 order by p.column_key nulls first"""))
                        .containsExactly("3 - household-refused", "3 name required");
                assertThat(rows(sql, """
                        select r.row_number || ' ' || r.cells::text from table_import_refusal r
                          join import_job j on j.table_import_id = r.import_id where j.id = 7"""))
                        .containsExactly("3 {H1,\"\"}");
                assertThat(rows(sql, "select count(*) from pg_tables where tablename in ('import_row', 'import_problem',"
                        + " 'import_refused_row')")).containsExactly("0");
            }
        }
    }

    private static List<String> rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
