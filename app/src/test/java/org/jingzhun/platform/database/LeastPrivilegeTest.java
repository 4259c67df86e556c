package org.jingzhun.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jingzhun.JingzhunApplication;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The application's pool logs in as a role that can only read and write rows: each attack an SQL injection or a
 * leaked pool password could try on the audit trail or the server is refused.
 */
@JingzhunTest
class LeastPrivilegeTest {

    /** PostgreSQL's insufficient_privilege: "permission denied", "must be owner". */
    private static final String REFUSED = "42501";

    @Autowired
    DataSource pool;
    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void theApplicationsRoleHasNoPowersAndOwnsNothing() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select current_user")).isEqualTo(postgres.applicationUser());
            assertThat(single(statement, """
                    select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls
                      from pg_roles where rolname = current_user""")).isEqualTo("f");
            assertThat(single(statement, """
                    select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = current_user)
                       and relpersistence <> 't'""")).isEqualTo("0");
            assertThat(single(statement, """
                    select string_agg(privilege_type, ',' order by privilege_type) from information_schema.table_privileges
                     where grantee = current_user and table_name = 'audit_event'""")).isEqualTo("INSERT,SELECT");
        }
    }

    @Test
    void eachAttackOnTheAuditTrailOrTheServerIsRefused() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            refused(statement, "alter table audit_event disable trigger audit_event_no_update");
            refused(statement, "alter table audit_event disable trigger all");
            refused(statement, "drop trigger audit_event_no_update on audit_event");
            refused(statement, "drop trigger audit_event_no_truncate on audit_event");
            refused(statement, "set session_replication_role = replica");
            refused(statement, """
                    create or replace function audit_event_append_only() returns trigger language plpgsql
                    as $$ begin return new; end; $$""");
            refused(statement, "select pg_read_file('/etc/passwd')");
            refused(statement, "select pg_ls_dir('.')");
            statement.execute("create temp table attack (line text)");
            refused(statement, "copy attack from program 'id'");
            refused(statement, "copy attack from '/etc/passwd'");
            refused(statement, "update audit_event set reason = 'rewritten'");
            refused(statement, "delete from audit_event");
            refused(statement, "truncate audit_event");
            refused(statement, "alter table household add column hidden text");
            refused(statement, "create table planted (id int)");
            refused(statement, "insert into maintenance_analyzable values ('audit_event')");
            refused(statement, "select maintenance_analyze('audit_event')");
            refused(statement, "create role accomplice login superuser");
            // What the application does need still works: the owner's ANALYZE of a listed table.
            statement.execute("select maintenance_analyze('household')");
        }
    }

    @Test
    void theOwnerStillMeetsTheAuditTrailsTriggers() throws SQLException {
        try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.ownerUser(), postgres.ownerPassword());
             Statement statement = owner.createStatement()) {
            assertThat(single(statement, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
            assertThatThrownBy(() -> statement.execute("update audit_event set reason = 'rewritten'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("truncate audit_event")).hasMessageContaining("append-only");
            refused(statement, "set session_replication_role = replica");
            refused(statement, "select pg_read_file('/etc/passwd')");
        }
    }

    @Test
    void refusesToStartWithASuperuserPoolUnlessAllowed() {
        try (EmbeddedPostgres installed = EmbeddedPostgres.start(TestDataDirectory.fresh("superuser"), 0, "jingzhun")) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(JingzhunApplication.class)
                    .run("--server.port=0", "--jingzhun.data-dir=" + TestDataDirectory.fresh("app"), "--spring.datasource.url=" + installed.jdbcUrl(),
                            "--spring.datasource.username=" + installed.user(),
                            "--spring.datasource.password=" + installed.password()).close())
                    .rootCause().hasMessageContaining("is a superuser").hasMessageContaining(PoolRole.ALLOW_SUPERUSER);
        }
    }

    private static void refused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(REFUSED));
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
