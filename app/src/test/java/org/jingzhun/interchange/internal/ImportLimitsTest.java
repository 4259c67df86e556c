package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.jingzhun.platform.table.Workbooks;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Files beyond the reader's limits through the whole import, as an uploader sends them (issue 11, items 4 and 6):
 * refused with the reason, or read with one warning, in a system of 512 MiB.
 */
@JingzhunTest
class ImportLimitsTest {

    /** A data-entry user of Xishan district, Kunming (530112), this test's own county. */
    static final Caller CLERK = TestCallers.of("limits-clerk", EnumSet.of(Role.DATA_ENTRY), "530112");
    static final String VILLAGE_OF = "530112";

    @Autowired
    HouseholdImports imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportFailpoints failpoints;
    @TempDir
    Path directory;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(CLERK);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    private String village() {
        return jdbc.sql("select min(code) from area where level = 5 and code like :county || '%' and retired_at is null")
                .param("county", VILLAGE_OF).query(String.class).single();
    }

    /** Waits until the job has finished: its status is the condition, however long the shared machine takes. */
    private ImportJob importAndWait(String name, InputStream content, String charset) throws Exception {
        ImportJob job = imports.start(name, content, ImportJob.Mode.VALID_ROWS, charset);
        failpoints.awaitEnd(job.id());
        return imports.get(job.id());
    }

    @Test
    void aHeaderWithAMillionUnknownColumnsGivesOneWarning() throws Exception {
        String head = TestPeople.newIdNumber(jdbc, VILLAGE_OF, true);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write("household,villageCode,category,name,idNumber,relation".getBytes(StandardCharsets.UTF_8));
        Workbooks.repeat(csv, ",remark", 1_000_000);
        csv.write(("\n1," + village() + ",GENERAL,陈七," + head + ",HEAD\n").getBytes(StandardCharsets.UTF_8));

        ImportJob job = importAndWait("wide.csv", new java.io.ByteArrayInputStream(csv.toByteArray()), "AUTO");

        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(job.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("import.columns.ignored");
            assertThat(w.args()).first().isEqualTo("1000000");
            assertThat(w.args().get(1)).startsWith("remark (G), remark (H)");
        });
    }

    @Test
    void aCsvDeclaredUtf8WithBytesThatAreNotIsRefusedAtTheirLine() throws Exception {
        String head = TestPeople.newIdNumber(jdbc, VILLAGE_OF, true);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(("household,villageCode,category,name,idNumber,relation\n1," + village() + ",GENERAL,陈七," + head + ",HEAD\n")
                .getBytes(StandardCharsets.UTF_8));
        csv.write(new byte[]{'2', ',', (byte) 0xC3, '(', '\n'}); // a lead byte without its follower

        ImportJob job = importAndWait("latin.csv", new java.io.ByteArrayInputStream(csv.toByteArray()), "UTF-8");

        assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
        assertThat(job.messageKey()).isEqualTo("import.file.bad-encoding");
        assertThat(job.messageArgs()).containsExactly("UTF-8", "3");
        assertThat(jdbc.sql("select count(*) from member where id_number = :id").param("id", head).query(Long.class).single())
                .isZero();
    }

    @Test
    void aZipBombOfOneHugeSharedStringIsRefusedWithItsReason() throws Exception {
        Path bomb = Workbooks.write(directory.resolve("bomb.xlsx"),
                out -> write(out, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), out -> {
                    write(out, "<si><t>");
                    Workbooks.repeat(out, (byte) 'a', 1L << 30);
                    write(out, "</t></si>");
                });
        Workbooks.understate(bomb, Workbooks.STRINGS);

        ImportJob job;
        try (InputStream in = Files.newInputStream(bomb)) {
            job = importAndWait("bomb.xlsx", in, "AUTO");
        }

        assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
        assertThat(job.messageKey()).isIn("import.file.expansion", "import.file.shared-text-too-long");
    }

    @Test
    void aRowOfAnIncomeBeyondAnyNumberOrOfANulIsRefusedAloneAndTheOthersEnter() throws Exception {
        String[] heads = new String[4];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = TestPeople.newIdNumber(jdbc, VILLAGE_OF, i % 2 == 0);
        }
        String village = village();
        String run = TestPeople.newHouseholdPrefix(); // household numbers are references, unique within a county
        // The NUL comes after the first 4 KiB, which tell a text file from a binary one.
        String csv = "household,villageCode,category,name,idNumber,relation,incomeYear,income,remark\n"
                + run + "1," + village + ",GENERAL,陈一," + heads[0] + ",HEAD,2014,2650," + "备".repeat(2_000) + "\n"
                + run + "2," + village + ",GENERAL,陈二," + heads[1] + ",HEAD,2014,99999999999999,\n"
                + run + "3," + village + ",GENERAL,陈三," + heads[2] + ",HEAD,2014,1e309,\n"
                + run + "4," + village + ",GENERAL,陈\0四," + heads[3] + ",HEAD,2014,1800,\n";

        ImportJob job = importAndWait("rows.csv", new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "AUTO");

        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.householdsAdded()).isEqualTo(1);
        assertThat(jdbc.sql("select p.row_number || ':' || coalesce(p.column_key, '') || ':' || p.message_key from table_import_problem p"
                        + " join import_job j on j.table_import_id = p.import_id where j.id = :id order by p.row_number").param("id", job.id()).query(String.class).list())
                .containsExactly("3:income:household.income.range", "4:income:household.income.range", "5:name:import.value.nul");
        assertThat(jdbc.sql("select count(*) from member where id_number = any(:ids)").param("ids", heads)
                .query(Long.class).single()).isEqualTo(1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
