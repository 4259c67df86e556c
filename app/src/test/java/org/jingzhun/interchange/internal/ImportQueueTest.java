package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import queue: jobs of one county held by a failpoint leave the workers to other counties; uploads wait in the
 * data directory, closed to other accounts, and go when their job ends; a job cut short by a lost database is marked
 * interrupted. Each test waits on failpoints and job ends, never on time; the timeout only stops a test that hangs,
 * as the single worker of old made the first test do.
 */
@JingzhunTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImportQueueTest {

    /** Data entry of Xishan district (530112) and of Guandu district (530111), Kunming: counties of this test alone. */
    static final Caller XISHAN = TestCallers.of("queue-xishan", EnumSet.of(Role.DATA_ENTRY), "530112");
    static final Caller GUANDU = TestCallers.of("queue-guandu", EnumSet.of(Role.DATA_ENTRY), "530111");

    @Autowired
    HouseholdImports imports;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportFailpoints failpoints;
    @Autowired
    JdbcClient jdbc;
    @Value("${jingzhun.data-dir}")
    Path dataDir;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    /** Issue 11, item 3. */
    @Test
    void aCountysHeldImportLeavesTheWorkersToAnotherCounty() throws Exception {
        ImportFailpoints.Hold held = failpoints.hold(ImportFailpoints.Point.STARTED, job -> job.fileName().equals("xishan-large.csv"));
        ImportJob large;
        ImportJob second;
        try {
            TestCallers.signIn(XISHAN);
            large = start("xishan-large.csv", "530112");
            second = start("xishan-second.csv", "530112");
            assertThat(held.awaitReached()).isEqualTo(large.id());

            TestCallers.signIn(GUANDU);
            ImportJob other = start("guandu.csv", "530111");
            failpoints.awaitEnd(other.id());
            assertThat(imports.get(other.id())).satisfies(job -> {
                assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
                assertThat(job.householdsAdded()).isEqualTo(1);
            });

            TestCallers.signIn(XISHAN);
            assertThat(imports.get(large.id()).status()).isEqualTo(ImportJob.Status.READING);
            // One county holds at most all workers but one: its second file waits for its first.
            assertThat(imports.get(second.id()).status()).isEqualTo(ImportJob.Status.QUEUED);
        } finally {
            held.release();
        }
        failpoints.awaitEnd(large.id());
        failpoints.awaitEnd(second.id());
        assertThat(imports.get(large.id()).status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(imports.get(second.id()).status()).isEqualTo(ImportJob.Status.DONE);
    }

    /** Issue 11, item 5: no longer world-readable in /tmp. */
    @Test
    void anUploadWaitsInTheDataDirectoryForThisAccountOnlyAndGoesWhenItsJobEnds() throws Exception {
        ImportFailpoints.Hold held = failpoints.hold(ImportFailpoints.Point.STAGED, job -> job.fileName().equals("private.csv"));
        ImportJob job;
        Path upload;
        try {
            TestCallers.signIn(XISHAN);
            job = start("private.csv", "530112");
            held.awaitReached();
            upload = Path.of(jdbc.sql("select upload_path from import_job where id = :id").param("id", job.id())
                    .query(String.class).single());
            assertThat(upload).exists().hasParent(dataDir.toAbsolutePath().resolve("imports"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(upload))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(upload.getParent()))).isEqualTo("rwx------");
            assertThat(Files.readString(upload)).contains("530112");
        } finally {
            held.release();
        }
        failpoints.awaitEnd(job.id());
        assertThat(imports.get(job.id()).status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(upload).doesNotExist();
    }

    /** What the database watchdog asks when the database went away under a running import. */
    @Test
    void aJobRunningWhenTheDatabaseWentAwayIsMarkedInterruptedAndEntersNothing() throws Exception {
        ImportFailpoints.Hold held = failpoints.hold(ImportFailpoints.Point.CHECKED, job -> job.fileName().equals("cut.csv"));
        ImportJob job;
        String head = TestPeople.newIdNumber(jdbc, "530112", true);
        try {
            TestCallers.signIn(XISHAN);
            job = imports.start("cut.csv", new ByteArrayInputStream(csv("530112", head).getBytes(StandardCharsets.UTF_8)),
                    ImportJob.Mode.VALID_ROWS, "AUTO");
            held.awaitReached();
            jobs.interruptRunning();
            assertThat(imports.get(job.id()).status()).isEqualTo(ImportJob.Status.INTERRUPTED);
        } finally {
            held.release();
        }
        failpoints.awaitEnd(job.id());
        assertThat(imports.get(job.id()).status()).isEqualTo(ImportJob.Status.INTERRUPTED);
        assertThat(jdbc.sql("select count(*) from member where id_number = :id").param("id", head).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from table_import_problem p join import_job j on j.table_import_id = p.import_id where j.id = :id").param("id", job.id()).query(Long.class).single())
                .isZero();
    }

    private ImportJob start(String fileName, String county) throws Exception {
        String head = TestPeople.newIdNumber(jdbc, county, true);
        return imports.start(fileName, new ByteArrayInputStream(csv(county, head).getBytes(StandardCharsets.UTF_8)),
                ImportJob.Mode.VALID_ROWS, "AUTO");
    }

    /** One household of one person at the county's first village. */
    private String csv(String county, String head) {
        String village = jdbc.sql("select min(code) from area where level = 5 and code like :county and retired_at is null")
                .param("county", county + "%").query(String.class).single();
        return "household,villageCode,category,name,idNumber,relation\n" + TestPeople.newHouseholdPrefix() + "1," + village + ",GENERAL,排队," + head + ",HEAD\n";
    }
}
