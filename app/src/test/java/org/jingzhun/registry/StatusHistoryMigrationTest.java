package org.jingzhun.registry;

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
 * The migration to the registry's status history (issue 12, item 1) recomputes the years of the events stored
 * before it: an announcement counts in its round's year, not in the year it was typed; another change in the year
 * of its day in China, not in UTC's. On a database of its own, migrated up to the history, given what the old
 * triggers had written, then migrated on.
 */
class StatusHistoryMigrationTest {

    @Test
    void theYearsOfTheEventsStoredBeforeAreRecomputed() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("status-history"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "35");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into area (code, name, level, parent_code) values ('62', '甘肃省', 1, null), ('6201', '兰州市', 2, '62'),
                            ('620102', '城关区', 3, '6201'), ('620102001', '街道', 4, '620102'), ('620102001001', '社区', 5, '620102001');
                        -- announced in a round of 2013, typed in on 5 March 2026: the old trigger said 2026
                        insert into household (id, village_code, category, status, registered_year, created_at)
                        values (1, '620102001001', 'GENERAL', 'REGISTERED', 2013, '2026-03-02 02:00+00');
                        insert into identification_round (id, county_code, year, created_by) values (1, '620102', 2013, 'test');
                        insert into household_application (round_id, household_id, village_code, stage, stage_since, proposed_by)
                        values (1, 1, '620102001001', 'ANNOUNCED', '2026-03-05', 'HOUSEHOLD');
                        insert into audit_event (at, actor_login, entity, entity_id, action, after)
                        values ('2026-03-02 02:00+00', 'test', 'household', '1', 'create', '{"status": "CANDIDATE"}');
                        -- recorded as registered in 2014, exited a minute after midnight on New Year's Day 2026 in China
                        insert into household (id, village_code, category, status, registered_year, created_at)
                        values (2, '620102001001', 'GENERAL', 'EXITED', 2014, '2015-06-01 02:00+00');
                        insert into audit_event (at, actor_login, entity, entity_id, action, reason)
                        values ('2025-12-31 16:01+00', 'test', 'household', '2', 'status-exited', 'income above the line');
                        -- what the old triggers kept
                        delete from statistics_status_event;
                        insert into statistics_status_event (household_id, year, status, changed_at) values
                            (1, 2026, 'REGISTERED', '2026-03-05 03:00+00'),
                            (2, 2014, 'REGISTERED', '2015-06-01 02:00+00'),
                            (2, 2025, 'EXITED', '2025-12-31 16:01+00');
                        delete from statistics_dirty_village;""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertThat(rows(sql, """
                        select household_id, day, year, coalesce(from_status, '-'), to_status, coalesce(reason, '-')
                          from household_status_event order by household_id, id""")).containsExactly(
                        "1 2026-03-02 2026 - CANDIDATE -",
                        "1 2026-03-05 2013 CANDIDATE REGISTERED -",
                        "2 2015-06-01 2014 - REGISTERED -",
                        "2 2026-01-01 2026 REGISTERED EXITED income above the line");
                assertThat(rows(sql, "select to_regclass('statistics_status_event') is null")).containsExactly("t");
                assertThat(rows(sql, "select distinct village_code from statistics_dirty_village")).containsExactly("620102001001");
            }
        }
    }

    private static List<String> rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(rs.getString(i));
                }
                rows.add(String.join(" ", cells));
            }
        }
        return rows;
    }
}
