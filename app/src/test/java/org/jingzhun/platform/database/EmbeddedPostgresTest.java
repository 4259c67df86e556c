package org.jingzhun.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jingzhun.TestDataDirectory;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its data across restarts and recovers from runs that ended badly. */
class EmbeddedPostgresTest {

    private static final String OS_USER = "jingzhun";

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        Path dir = TestDataDirectory.fresh("restart");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            execute(first, "create table kept (value text); insert into kept values ('survives')");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(queryOne(second, "select value from kept")).isEqualTo("survives");
        }
    }

    @Test
    void recoversFromAServerThatWasKilled() throws Exception {
        Path dir = TestDataDirectory.fresh("killed");
        EmbeddedPostgres crashed = EmbeddedPostgres.start(dir, 0, OS_USER);
        execute(crashed, "create table kept (value text); insert into kept values ('committed')");
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("pgdata/postmaster.pid")).getFirst().strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get();
        crashed.abandon();
        assertThat(dir.resolve("pgdata/postmaster.pid")).exists(); // the stale lock file the crash left

        try (EmbeddedPostgres recovered = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(queryOne(recovered, "select value from kept")).isEqualTo("committed");
        }
    }

    @Test
    void stopsAServerLeftRunningByAProcessThatDied() throws Exception {
        Path dir = TestDataDirectory.fresh("orphan");
        EmbeddedPostgres orphaned = EmbeddedPostgres.start(dir, 0, OS_USER);
        execute(orphaned, "create table kept (value text); insert into kept values ('still here')");
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("pgdata/postmaster.pid")).getFirst().strip());
        orphaned.abandon(); // as if the JVM had been killed: the server runs on, nobody holds the directory

        assertThat(EmbeddedPostgres.isPostgres(pid)).as("the orphaned server runs on").isTrue();
        try (EmbeddedPostgres next = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(EmbeddedPostgres.isPostgres(pid)).as("the orphaned server is stopped").isFalse();
            assertThat(queryOne(next, "select value from kept")).isEqualTo("still here");
        }
    }

    @Test
    void refusesASecondProcessOnTheSameDirectory() {
        Path dir = TestDataDirectory.fresh("twice");
        try (EmbeddedPostgres running = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir, 0, OS_USER))
                    .hasMessageContaining("Another Jingzhun process is using the data directory");
        }
    }

    @Test
    void runsTheServerAsAnUnprivilegedAccountWhenStartedAsRoot() throws Exception {
        Path dir = TestDataDirectory.fresh("account");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            long pid = Long.parseLong(Files.readAllLines(dir.resolve("pgdata/postmaster.pid")).getFirst().strip());
            String expectedUser = EmbeddedPostgres.isRoot() ? OS_USER : System.getProperty("user.name");
            assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().user())).contains(expectedUser);
            assertThat(queryOne(postgres, "select current_setting('listen_addresses')")).isEqualTo("127.0.0.1");
        }
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryOne(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
