package org.jingzhun.identification;

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
 * The migration that gives objections the days they were filed and decided (issue 12, item 3) takes, for those
 * stored before it, the days they were entered on in China (not UTC's). On a database of its own, migrated up to
 * just before it, given objections, then migrated on.
 */
class ObjectionDaysMigrationTest {

    @Test
    void objectionsStoredBeforeGetTheDaysTheyWereEnteredOnInChina() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("objection-days"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "45");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        -- filed at 23:30 UTC on 1 March 2026 (2 March in China), dismissed on 4 March in China
                        insert into objection (id, procedure, subject_id, area_code, stage, text, by_public, filed_at, state,
                                               decision, decided_by, decided_at)
                        values (1, 'HOUSEHOLD', 1, '620102001001', 'FIRST_PUBLICITY', 'a', true, '2026-03-01 23:30+00',
                                'DISMISSED', 'no', 'test', '2026-03-04 01:00+00');
                        -- still open
                        insert into objection (id, procedure, subject_id, area_code, stage, text, by_public, filed_at)
                        values (2, 'HOUSEHOLD', 2, '620102001001', 'FIRST_PUBLICITY', 'b', false, '2026-03-03 10:00+00');""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("select id, filed_on, coalesce(decided_on::text, '-') from objection order by id")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    }
                }
                assertThat(rows).containsExactly("1 2026-03-02 2026-03-04", "2 2026-03-03 -");
            }
        }
    }
}
