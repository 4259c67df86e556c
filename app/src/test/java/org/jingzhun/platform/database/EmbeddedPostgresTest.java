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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.flywaydb.core.Flyway;

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

        Path cluster = dir.resolve("pgdata");
        assertThat(EmbeddedPostgres.isServerOf(pid, cluster)).as("the orphaned server runs on").isTrue();
        assertThat(EmbeddedPostgres.isServerOf(pid, TestDataDirectory.fresh("elsewhere"))).isFalse();
        try (EmbeddedPostgres next = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(EmbeddedPostgres.isServerOf(pid, cluster)).as("the orphaned server is stopped").isFalse();
            assertThat(queryOne(next, "select value from kept")).isEqualTo("still here");
        }
    }

    @Test
    void createsTheDatabaseWhenACrashCutOffTheFirstStart() throws Exception {
        Path dir = TestDataDirectory.fresh("initdb-crash");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir, 0, OS_USER);
             Connection admin = DriverManager.getConnection(
                     "jdbc:postgresql://127.0.0.1:" + first.port() + "/postgres", first.user(), first.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database " + EmbeddedPostgres.DATABASE); // as if the crash came right after initdb
        }

        try (EmbeddedPostgres next = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(queryOne(next, "select current_database()")).isEqualTo(EmbeddedPostgres.DATABASE);
        }
    }

    @Test
    void leavesAloneAnotherServerWhosePidTheLockFileNames() throws Exception {
        Path otherDir = TestDataDirectory.fresh("other");
        Path dir = TestDataDirectory.fresh("reused-pid");
        EmbeddedPostgres.start(dir, 0, OS_USER).close();
        try (EmbeddedPostgres other = EmbeddedPostgres.start(otherDir, 0, OS_USER)) {
            // After a crash the pid in our lock file may since belong to another cluster's server.
            Files.copy(otherDir.resolve("pgdata/postmaster.pid"), dir.resolve("pgdata/postmaster.pid"));

            try (EmbeddedPostgres ours = EmbeddedPostgres.start(dir, 0, OS_USER)) {
                assertThat(queryOne(ours, "select 'ours'")).isEqualTo("ours");
            }
            assertThat(queryOne(other, "select 'still running'")).isEqualTo("still running");
        }
    }

    @Test
    void removesBinariesLeftHalfUnpacked() throws Exception {
        Path dir = TestDataDirectory.fresh("unpack");
        Path staging = Files.createDirectories(dir.resolve("postgres-unpacking-123/bin"));
        Files.writeString(staging.resolve("postgres"), "cut off");
        EmbeddedPostgres.start(dir, 0, OS_USER).close();
        assertThat(dir.resolve("postgres-unpacking-123")).doesNotExist();

        Path binaries;
        try (var folders = Files.list(dir)) {
            binaries = folders.filter(f -> f.getFileName().toString().matches("postgres-\\p{XDigit}+")).findFirst().orElseThrow();
        }
        Files.delete(binaries.resolve("bin/postgres")); // as if a crash had cut off the copy
        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(binaries.resolve("bin/postgres")).isExecutable();
            assertThat(queryOne(restarted, "select 'unpacked again'")).isEqualTo("unpacked again");
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
            assertThat(queryOne(postgres, "select current_setting('unix_socket_directories')")).isEmpty();
            assertThat(queryOne(postgres, "select current_setting('max_wal_size')")).isEqualTo("2GB");
        }
    }

    /** The database caches an eighth of the machine's memory, between PostgreSQL's default (128 MB) and 2 GB. */
    @Test
    void theServersCacheIsAnEighthOfTheMachinesMemory() throws Exception {
        assertThat(EmbeddedPostgres.sharedBuffersMegabytes(512L << 20)).isEqualTo(128);
        assertThat(EmbeddedPostgres.sharedBuffersMegabytes(8L << 30)).isEqualTo(1024);
        assertThat(EmbeddedPostgres.sharedBuffersMegabytes(64L << 30)).isEqualTo(2048);
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        Path dir = TestDataDirectory.fresh("buffers");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            assertThat(queryOne(postgres, "select (setting::bigint * 8 / 1024)::text from pg_settings where name = 'shared_buffers'"))
                    .isEqualTo(Integer.toString(EmbeddedPostgres.sharedBuffersMegabytes(physical)));
        }
    }

    @Test
    void anInstalledDirectoryGetsTheOwnerAndTheLoginRoleAtItsNextStart() throws Exception {
        Path dir = TestDataDirectory.fresh("installed");
        try (EmbeddedPostgres installed = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            // As a directory installed before the split: migrated by the bootstrap superuser, no other role.
            Flyway.configure().dataSource(installed.jdbcUrl(), installed.user(), installed.password())
                    .locations("classpath:db/migration").target("21").load().migrate();
            execute(installed, "alter database jingzhun owner to jingzhun; drop owned by jingzhun_app, jingzhun_owner;"
                    + " drop role jingzhun_app; drop role jingzhun_owner");
            assertThat(queryOne(installed, "select count(*) from pg_roles where rolname like 'jingzhun\\_%'")).isEqualTo("0");
        }
        try (EmbeddedPostgres next = EmbeddedPostgres.start(dir, 0, OS_USER)) {
            Flyway.configure().dataSource(next.jdbcUrl(), next.ownerUser(), next.ownerPassword())
                    .placeholders(Map.of("appRole", next.applicationUser()))
                    .locations("classpath:db/migration").load().migrate();
            assertThat(queryOne(next, """
                    select count(*) from pg_class where relnamespace = 'public'::regnamespace
                       and relowner <> 'jingzhun_owner'::regrole""")).isEqualTo("0");
            assertThat(queryOne(next, """
                    select count(*) from pg_proc where pronamespace = 'public'::regnamespace
                       and proowner <> 'jingzhun_owner'::regrole""")).isEqualTo("0");
            try (Connection app = DriverManager.getConnection(next.jdbcUrl(), next.applicationUser(), next.applicationPassword());
                 Statement statement = app.createStatement()) {
                statement.execute("select count(*) from household");
                assertThatThrownBy(() -> statement.execute("delete from audit_event")).hasMessageContaining("permission denied");
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("database.application.password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("database.owner.password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
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
