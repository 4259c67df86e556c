package org.jingzhun.job;

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
 * The migration that makes imports jobs (issue 15, item 1) gives each import stored before it a job of the same id,
 * owner, area, state and instance, and imports made after it draw ids that no job holds. On a database of its own,
 * migrated up to just before it, given imports, then migrated on.
 */
class JobsMigrationTest {

    @Test
    void importsStoredBeforeBecomeJobsOfTheSameId() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("jobs-migration"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "60");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into import_job (id, user_id, user_login, file_name, file_size, checksum, format, mode, status,
                                                area_code, uploader_roles, uploader_areas, instance_id)
                        values (7, 3, 'clerk', 'a.csv', 1, 'x', 'CSV', 'VALID_ROWS', 'DONE', '530112', '{DATA_ENTRY}', '{530112}', 'old'),
                               (8, 3, 'clerk', 'b.csv', 1, 'x', 'CSV', 'VALID_ROWS', 'CHECKING', '530112', '{DATA_ENTRY}', '{530112}', 'old'),
                               (9, 4, 'other', 'c.csv', 1, 'x', 'CSV', 'VALID_ROWS', 'REFUSED', '5301', '{DATA_ENTRY}', '{5301}', 'old');""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("""
                        select id || ' ' || kind || ' ' || owner_id || ' ' || area_code || ' ' || county_code || ' ' || state
                               || ' ' || progress || ' ' || instance_id || ' ' || owner_roles::text from job order by id""")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                assertThat(rows).containsExactly("7 import 3 530112 530112 DONE 1 old {DATA_ENTRY}",
                        "8 import 3 530112 530112 RUNNING 0 old {DATA_ENTRY}", "9 import 4 5301  DONE 1 old {DATA_ENTRY}");
                try (ResultSet rs = sql.executeQuery("""
                        insert into import_job (user_id, user_login, file_name, file_size, checksum, format, mode)
                        values (3, 'clerk', 'd.csv', 1, 'x', 'CSV', 'VALID_ROWS') returning id""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThan(9);
                }
            }
        }
    }
}
