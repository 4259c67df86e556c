package org.jingzhun.procedure;

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
 * The migration to the procedure engine (issue 14) makes a case of every household application and village case
 * stored before it, under the same ids, so that the steps, objections and attachments recorded already are those of
 * the same cases; a household still in a procedure that has not ended still may not start another. On a database of
 * its own, migrated up to just before it, given applications with their steps, objections and attachments, then
 * migrated on.
 */
class ProcedureCaseMigrationTest {

    @Test
    void stepsObjectionsAndAttachmentsStoredBeforeBelongToTheCasesAfter() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("procedure-cases"), 0, "jingzhun")) {
            org.jingzhun.TestMigrations.upToBefore(postgres, "56");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into area (code, name, level, parent_code) values ('62', '甘肃省', 1, null), ('6201', '兰州市', 2, '62'),
                            ('620102', '城关区', 3, '6201'), ('620102001', '街道', 4, '620102'), ('620102001001', '社区', 5, '620102001'),
                            ('620102001002', '二村', 5, '620102001');
                        insert into household (id, village_code, category, status, registered_year, created_at)
                        values (1, '620102001001', 'GENERAL', 'CANDIDATE', null, '2026-03-02 02:00+00'),
                               (2, '620102001001', 'GENERAL', 'REGISTERED', 2025, '2026-03-02 02:00+00');
                        insert into identification_round (id, county_code, year, publicity_days, created_by)
                        values (7, '620102', 2025, 5, 'test');
                        -- one in its first publicity, one announced
                        insert into household_application (id, round_id, household_id, village_code, stage, stage_since,
                                                           proposed_by, publicity_start, publicity_end, version)
                        values (11, 7, 1, '620102001001', 'FIRST_PUBLICITY', '2026-03-10', 'HOUSEHOLD', '2026-03-10',
                                '2026-03-14', 3),
                               (12, 7, 2, '620102001001', 'ANNOUNCED', '2026-02-01', 'VILLAGE', null, null, 7);
                        insert into village_identification (id, village_code, year, stage, stage_since, version)
                        values (21, '620102001002', 2025, 'ANNOUNCED', '2026-01-20', 4);
                        insert into attachment (id, file_name, content_type, size, sha256, content, area_code, uploaded_by)
                        values (31, 'list.pdf', 'application/pdf', 5, 'x', '%PDF-', '620102001001', 'clerk');
                        insert into procedure_step (id, procedure, subject_id, step, from_stage, to_stage, done_on, area_code,
                                                    actor_login, details, attachment_id)
                        values (41, 'HOUSEHOLD', 11, 'FIRST_PUBLICITY', 'VERIFIED', 'FIRST_PUBLICITY', '2026-03-10',
                                '620102001001', 'clerk', '{}', 31),
                               (42, 'VILLAGE', 21, 'ANNOUNCE', 'COUNTY_APPROVED', 'ANNOUNCED', '2026-01-20', '620102001002',
                                'reviewer', '{}', null);
                        insert into objection (id, procedure, subject_id, area_code, stage, text, by_public, filed_on)
                        values (51, 'HOUSEHOLD', 11, '620102001001', 'FIRST_PUBLICITY', 'not poor', true, '2026-03-11');""");
            }
            org.jingzhun.TestMigrations.all(postgres);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertThat(rows(sql, """
                        select procedure || ' ' || subject_id || ' ' || county_code || ' ' || area_code || ' '
                               || coalesce(holder::text, '-') || ' ' || stage || ' ' || stage_since || ' ' || ended || ' '
                               || coalesce(publicity_end::text, '-') || ' v' || version
                          from procedure_case order by procedure, subject_id""")).containsExactly(
                        "HOUSEHOLD 11 620102 620102001001 1 FIRST_PUBLICITY 2026-03-10 false 2026-03-14 v3",
                        "HOUSEHOLD 12 620102 620102001001 2 ANNOUNCED 2026-02-01 true - v7",
                        "VILLAGE 21 620102 620102001002 - ANNOUNCED 2026-01-20 true - v4");
                // the step, its attachment and the objection found through the case they were recorded for
                assertThat(rows(sql, """
                        select s.id || ' ' || c.stage || ' ' || coalesce(a.file_name, '-') from procedure_step s
                          join procedure_case c on c.procedure = s.procedure and c.subject_id = s.subject_id
                          left join attachment a on a.id = s.attachment_id order by s.id""")).containsExactly(
                        "41 FIRST_PUBLICITY list.pdf", "42 ANNOUNCED -");
                assertThat(rows(sql, """
                        select o.id || ' ' || o.state || ' ' || c.stage from objection o
                          join procedure_case c on c.procedure = o.procedure and c.subject_id = o.subject_id""")).containsExactly(
                        "51 OPEN FIRST_PUBLICITY");
                // identification's lists read the stage beside their own columns
                assertThat(rows(sql, "select id || ' ' || stage || ' ' || proposed_by from household_application_case order by id"))
                        .containsExactly("11 FIRST_PUBLICITY HOUSEHOLD", "12 ANNOUNCED VILLAGE");
                assertThat(rows(sql, "select village_code || ' ' || year from statistics_poor_village")).containsExactly(
                        "620102001002 2025");
                // the village case's trigger queued villages for the statistics until V81: the engine logs them since
                assertThat(rows(sql, "select count(*) from pg_trigger where tgrelid = 'procedure_case'::regclass and not tgisinternal"))
                        .containsExactly("0");
                // a household whose case ended may start another; one still in its procedure may not
                sql.execute("insert into identification_round (id, county_code, year, created_by) values (8, '620102', 2026, 'test')");
                sql.execute("insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since)"
                        + " values ('HOUSEHOLD', 13, '620102', '620102001001', 2, 'APPLIED', '2026-03-12')");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.execute(
                        "insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since)"
                                + " values ('HOUSEHOLD', 14, '620102', '620102001001', 1, 'APPLIED', '2026-03-12')"))
                        .hasMessageContaining("procedure_case_open");
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
