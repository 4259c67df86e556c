package org.jingzhun.platform.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Page;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15, item 3: the staged import outside a caller's transaction (as a job runs it) goes through its phases each in a
 * transaction of its own, reports them and the rows read to whoever follows it, stops between them when told to (leaving
 * no report behind), and pages through its report, whatever its kind.
 */
@JingzhunTest
class StagedImportPhasesTest {

    @Autowired
    StagedImports imports;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path directory;

    /** The test's kind, its write only counting what it is given: the import's own course is under test. */
    private static final TableKind COUNTED = new TableKind("test-visits", NewKindOfFileTest.VISITS.columns(),
            new UploadedTable.Limits(1L << 24, 100_000, 10, 200), TableKind.noRule(), NewKindOfFileTest.VISITS.checks(),
            accepted -> 0);

    @BeforeEach
    void signIn() {
        TestCallers.signIn(TestCallers.of("phases-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    /** Follows an import, noting what it is told; stops it at a phase when asked to. */
    private final class Followed implements StagedImports.Progress {
        final List<String> told = new ArrayList<>();
        final StagedImports.Phase stopAt;
        long id;
        int ended = -1;

        Followed(StagedImports.Phase stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void phase(StagedImports.Phase phase, long id) throws InterruptedException {
            this.id = id;
            told.add(phase.name());
            if (phase == stopAt) {
                throw new InterruptedException("stopped by the test");
            }
        }

        @Override
        public void read(int rows, double share) {
            // The database is asked while the rows stream, as a job records its progress there.
            told.add("read " + jdbc.sql("select :rows").param("rows", rows).query(Integer.class).single());
        }

        @Override
        public void header(List<String> cells, SortedMap<Integer, String> unknown, int beyond) {
            told.add("unknown " + unknown.values());
        }

        @Override
        public void ending(TableImport result) {
            ended = result.refused();
        }
    }

    /** Rows of visits, of which every third has a date that is none. */
    private Path file(int rows) throws Exception {
        StringBuilder text = new StringBuilder("idNumber,visitDate,office\n");
        for (int i = 0; i < rows; i++) {
            text.append(TestPeople.withCheck("530102" + java.time.LocalDate.of(1980, 1, 1).plusDays(i / 1000).toString()
                    .replace("-", "") + String.format("%03d", i % 1000))).append(',').append(i % 3 == 0 ? "someday" : "2024-03-01")
                    .append(i == 0 ? ",A\u001fB\n" : ",A\n"); // the unit separator, which staging joins cells with
        }
        Path file = Files.createTempFile(directory, "visits", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aFollowedImportReportsItsPhasesAndRowsAndPagesItsReport() throws Exception {
        Followed followed = new Followed(null);
        TableImport result = imports.run(COUNTED, new StagedImports.Upload("visits.csv", file(12_000), null, "x"),
                StagedImports.Mode.VALID_ROWS, followed);

        assertThat(followed.told).containsExactly("READING", "unknown [office]", "read 5000", "read 10000", "read 12000",
                "CHECKING", "WRITING");
        assertThat(followed.ended).isEqualTo(result.refused());
        assertThat(result.rows()).isEqualTo(12_000);
        assertThat(result.refused()).isEqualTo(4_000);
        assertThat(result.refusedRows()).hasSize(TableImport.SHOWN);
        assertThat(result.refusedRows().getFirst().cells()).endsWith("someday", "A\u241fB");
        Page<TableImport.RefusedRow> page = imports.refusedRows(result.id(), 30, 100);
        assertThat(page.total()).isEqualTo(4_000);
        assertThat(page.items()).hasSize(100);
        assertThat(page.items().getFirst().rowNumber()).isEqualTo(2 + 3 * 3_000);
        Page<TableImport.RowProblem> problems = imports.problems(result.id(), 39, 100);
        assertThat(problems.items()).extracting(p -> p.problem().column()).containsOnly("visitDate");
        assertThat(problems.items().getLast().rowNumber()).isEqualTo(2 + 3 * 3_999);
        assertThat(jdbc.sql("select count(*) from pg_tables where tablename = 'staged'").query(Long.class).single()).isZero();
    }

    @Test
    void anImportStoppedBetweenPhasesLeavesNothing() throws Exception {
        Followed followed = new Followed(StagedImports.Phase.WRITING);
        assertThatThrownBy(() -> imports.run(COUNTED, new StagedImports.Upload("visits.csv", file(10), null, "x"),
                StagedImports.Mode.VALID_ROWS, followed)).isInstanceOf(InterruptedException.class);

        assertThat(followed.told).containsExactly("READING", "unknown [office]", "read 10", "CHECKING", "WRITING");
        assertThat(followed.ended).isEqualTo(-1);
        assertThat(jdbc.sql("select count(*) from table_import where id = :id").param("id", followed.id)
                .query(Long.class).single()).isZero();
    }
}
