package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.jingzhun.TestDataDirectory;
import org.jingzhun.platform.database.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The migration to the members' history (V67, issue 16): members on record before it joined with their household (no
 * day, no reason), and whatever writes households and members without knowing the new columns (imports, the
 * demonstration generator) still does, its members joining with the household. On a database of its own.
 */
class MemberHistoryMigrationTest {

    @Test
    void membersOnRecordJoinedWithTheirHouseholdAndOldWritersStillWrite() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("member-history"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "67");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into area (code, name, level, parent_code) values ('62', '甘肃省', 1, null), ('6201', '兰州市', 2, '62'),
                            ('620103', '七里河区', 3, '6201'), ('620103001', '街道', 4, '620103'), ('620103001001', '社区', 5, '620103001');
                        insert into household (id, village_code, category, status, created_at)
                        values (1, '620103001001', 'GENERAL', 'CANDIDATE', '2020-03-02 02:00+00');
                        insert into member (household_id, village_code, name, id_number, relation, sex, birth_date)
                        values (1, '620103001001', '甲', '620103198001010014', 'HEAD', 'MALE', '1980-01-01');""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                // As an import writes them, after the migration.
                sql.execute("""
                        insert into household (id, village_code, county_code, category, status, created_at)
                        values (2, '620103001001', '620103', 'GENERAL', 'CANDIDATE', '2026-03-02 02:00+00');
                        insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                        values (2, '620103001001', '620103', '乙', '620103198202020021', 'HEAD', 'FEMALE', '1982-02-02');""");
                try (ResultSet rs = sql.executeQuery("""
                        select count(*) filter (where joined_on is null and join_reason is null), count(*),
                               (select count(*) from member_event), (select count(*) from household where county_code = '620103')
                          from member""")) {
                    rs.next();
                    assertThat(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)}).containsExactly(2, 2, 0, 2);
                }
            }
        }
    }
}
