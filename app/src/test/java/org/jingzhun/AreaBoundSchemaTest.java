package org.jingzhun;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jingzhun.platform.database.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema is shardable by county (issue 16, item 3): read from the catalog of a database migrated whole, every table
 * is either named below as not area-bound (with why) or area-bound, and then carries a non-null {@code county_code}
 * that its primary key, its unique keys and its foreign keys to other area-bound tables include. A new table is
 * area-bound unless it is named here, so one created without its county fails this test.
 */
class AreaBoundSchemaTest {

    /** Tables above the county: a province's settings and results. */
    static final Set<String> ABOVE_THE_COUNTY = Set.of("poverty_line", "province_averages", "village_assessment_run");

    /** Small tables every node needs (reference tables in Citus): the areas, code lists, users. */
    static final Set<String> REFERENCE = Set.of("area", "area_size", "area_edition", "destitute_area", "county_attribute",
            "poverty_cause", "app_user", "user_role", "user_area", "api_token");

    /** Kept on one node (the coordinator): the system's own bookkeeping, queues and work tables, not any area's data. */
    static final Set<String> GLOBAL = Set.of("flyway_schema_history", "maintenance_analyzable", "audit_event", "job",
            "job_instance", "import_job", "table_import",
            "table_import_refusal", "table_import_problem", "objection_filing", "objection_proof_spent",
            "objection_challenge_key", "sign_in_failure", "sign_in_known_address", "refusal", "refusal_problem",
            "statistics_dirty_village", "county_list_load");

    /** Distributed by another key: the person index, by ID number, so that a person is found and kept once nationally. */
    static final Set<String> BY_ID_NUMBER = Set.of("person");

    static EmbeddedPostgres postgres;
    static Connection connection;

    @BeforeAll
    static void migrated() throws SQLException {
        postgres = EmbeddedPostgres.start(TestDataDirectory.fresh("area-bound-schema"), 0, "jingzhun");
        TestMigrations.all(postgres);
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        postgres.close();
    }

    @Test
    void everyTableNamedHereExists() throws SQLException {
        Set<String> named = new TreeSet<>();
        List.of(ABOVE_THE_COUNTY, REFERENCE, GLOBAL, BY_ID_NUMBER).forEach(named::addAll);
        assertThat(tables()).containsAll(named);
    }

    @Test
    void everyAreaBoundTableCarriesItsCountyNeverNull() throws SQLException {
        List<String> wrong = new ArrayList<>();
        for (String table : areaBound()) {
            List<String> column = rows("""
                    select data_type || ':' || coalesce(character_maximum_length, 0) || ':' || is_nullable || ':' || is_generated
                      from information_schema.columns
                     where table_schema = 'public' and table_name = ? and column_name = 'county_code'""", table);
            if (!column.equals(List.of("character varying:6:NO:NEVER"))) {
                wrong.add(table + " " + column);
            }
        }
        assertThat(wrong).as("area-bound tables without a plain, non-null county_code varchar(6)").isEmpty();
    }

    @Test
    void everyKeyOfAnAreaBoundTableIncludesItsCounty() throws SQLException {
        List<String> wrong = new ArrayList<>();
        for (String table : areaBound()) {
            if (rows("select 1 from pg_index where indrelid = ?::regclass and indisprimary", table).isEmpty()) {
                wrong.add(table + ": no primary key");
            }
            wrong.addAll(rows("""
                    select ?::text || ': ' || pg_get_indexdef(i.indexrelid)
                      from pg_index i
                     where i.indrelid = ?::regclass and i.indisunique
                       and not exists (select 1 from pg_attribute a
                                        where a.attrelid = i.indrelid and a.attname = 'county_code' and a.attnum = any(i.indkey))""",
                    table, table));
        }
        assertThat(wrong).as("primary and unique keys of area-bound tables without county_code").isEmpty();
    }

    @Test
    void everyForeignKeyBetweenAreaBoundTablesIncludesTheCounty() throws SQLException {
        Set<String> bound = areaBound();
        List<String> wrong = new ArrayList<>();
        for (String table : bound) {
            for (String key : rows("""
                    select c.conname || '>' || c.confrelid::regclass::text || '>' ||
                           coalesce((select string_agg(a.attname, ',') from unnest(c.conkey, c.confkey) k (mine, theirs)
                                       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.mine
                                       join pg_attribute r on r.attrelid = c.confrelid and r.attnum = k.theirs
                                      where r.attname = 'county_code'), '')
                      from pg_constraint c where c.conrelid = ?::regclass and c.contype = 'f'""", table)) {
                String[] parts = key.split(">", -1);
                if (bound.contains(parts[1]) && !parts[2].matches("\\w*county\\w*")) {
                    wrong.add(table + "." + parts[0] + " to " + parts[1]);
                }
            }
        }
        assertThat(wrong).as("foreign keys between area-bound tables without the county on both sides").isEmpty();
    }

    /**
     * Statistics' change capture is written by the registry and the procedure engine: no trigger on area-bound tables
     * (those with transition tables least of all), which a distributed engine does not run.
     */
    @Test
    void noAreaBoundTableHasATrigger() throws SQLException {
        List<String> triggers = new ArrayList<>();
        for (String table : areaBound()) {
            triggers.addAll(rows("select tgname from pg_trigger where tgrelid = ?::regclass and not tgisinternal", table));
        }
        assertThat(triggers).isEmpty();
    }

    @Test
    void theRegistrysTablesAreAreaBound() throws SQLException {
        assertThat(areaBound()).contains("household", "member", "household_income", "household_status_event", "member_event",
                "registry_change", "procedure_change", "identification_round", "household_application", "village_identification", "procedure_case",
                "procedure_step", "objection", "attachment", "village_figures", "village_assessment", "statistics_figure");
    }

    private Set<String> areaBound() throws SQLException {
        Set<String> tables = tables();
        List.of(ABOVE_THE_COUNTY, REFERENCE, GLOBAL, BY_ID_NUMBER).forEach(tables::removeAll);
        return tables;
    }

    private Set<String> tables() throws SQLException {
        return new TreeSet<>(rows("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"));
    }

    private static List<String> rows(String sql, String... args) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
