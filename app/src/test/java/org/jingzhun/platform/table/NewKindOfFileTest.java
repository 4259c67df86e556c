package org.jingzhun.platform.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 15's "done when": a new kind of file, defined here in test code as a column specification and one check (a list
 * of people by ID number with the day they were seen, each person once), is imported by the staged import without a
 * line of the import changed: staged, checked, written, its refused rows reported by row, column and reason and
 * downloadable to fix and upload again, the same result when the same file comes twice, and all or nothing on demand.
 */
@JingzhunTest
@Transactional // the kind writes into a temporary table of the test's transaction
class NewKindOfFileTest {

    /** The kind: what a module would declare for its own list. */
    static final TableKind VISITS = new TableKind("test-visits", List.of(
            TableColumn.residentId("idNumber", "ID number", "身份证号", true),
            TableColumn.date("visitDate", "Visit date", "走访日期", true),
            TableColumn.text("remark", "Remark", "备注", false, 20)),
            new UploadedTable.Limits(1L << 20, 1_000, 10, 200),
            TableKind.noRule(),
            List.of("""
                    select s.row_number, 'idNumber', 'twice-in-file', 'import.id.twice-in-file',
                           array[(select string_agg(t.row_number::text, ', ' order by t.row_number)
                                    from pg_temp.staged t where t.id_number = s.id_number)]
                      from pg_temp.staged s
                     where s.id_number is not null
                       and (select count(*) from pg_temp.staged t where t.id_number = s.id_number) > 1"""),
            null);

    @Autowired
    StagedImports imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.test.web.servlet.assertj.MockMvcTester mvc;

    @TempDir
    Path directory;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(TestCallers.of("visits-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
        jdbc.sql("create temp table test_visit (id_number text primary key, visit_date date not null, remark text)"
                + " on commit drop").update();
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    /** The kind with its write: into the test's own table, a person there already left as they are. */
    private TableKind visits() {
        return new TableKind(VISITS.name(), VISITS.columns(), VISITS.limits(), VISITS.rule(), VISITS.checks(),
                accepted -> jdbc.sql("insert into test_visit (id_number, visit_date, remark) select id_number, visit_date,"
                        + " remark from " + accepted + " on conflict do nothing").update());
    }

    private static String id(String birth, int n) {
        return TestPeople.withCheck("530102" + birth + String.format("%03d", n));
    }

    private String file() {
        String good = id("19800101", 11);
        String twice = id("19750505", 12);
        String badCheck = id("19900202", 13).substring(0, 17) + (id("19900202", 13).endsWith("1") ? "2" : "1");
        // A title row above the header, the header in Chinese in another order, a column of the office's own.
        return "2024年走访名单,,,\n"
                + "走访日期,办公室编号,身份证号,备注\n"
                + "2024-03-01,A1," + good + ",\n"
                + "2024年3月2日,A2," + twice + ",first\n"
                + "2024/3/3,A3," + twice + ",again\n"
                + "not a day,A4," + id("19600707", 14) + ",\n"
                + "2024-03-05,A5," + badCheck + ",\n"
                + "45356,A6," + id("19850808", 15) + ",an Excel serial\n";
    }

    private TableImport upload(String text, StagedImports.Mode mode) {
        return imports.run(visits(), "visits.csv", new ByteArrayInputStream(text.getBytes(Charset.forName("GB18030"))), null, mode);
    }

    @Test
    void aNewKindIsImportedWithItsRefusedRowsReported() throws IOException {
        TableImport result = upload(file(), StagedImports.Mode.VALID_ROWS);

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.refused()).isEqualTo(4);
        assertThat(result.valid()).isEqualTo(2);
        assertThat(result.written()).isEqualTo(2);
        assertThat(jdbc.sql("select visit_date::text from test_visit order by visit_date").query(String.class).list())
                .containsExactly("2024-03-01", "2024-03-05");
        assertThat(result.refusedRows()).extracting(TableImport.RefusedRow::rowNumber).containsExactly(4, 5, 6, 7);
        assertThat(result.refusedRows().get(0).problems()).extracting(TableProblem::column, TableProblem::code,
                TableProblem::args).containsExactly(org.assertj.core.groups.Tuple.tuple("idNumber", "twice-in-file", List.of("4, 5")));
        assertThat(result.refusedRows().get(2).problems()).extracting(TableProblem::column, TableProblem::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("visitDate", "table.value.date"));
        assertThat(result.refusedRows().get(3).problems()).extracting(TableProblem::column, TableProblem::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("idNumber", "resident-id.check"));
        assertThat(result.refusedRows().get(2).cells()).containsExactly("not a day", "A4", id("19600707", 14), "");

        // The same file again: the same rows refused for the same reasons, the accepted ones there already.
        TableImport again = upload(file(), StagedImports.Mode.VALID_ROWS);
        assertThat(again).extracting(TableImport::rows, TableImport::valid, TableImport::refused, TableImport::written)
                .containsExactly(6, 2, 4, 0);
        assertThat(again.refusedRows()).isEqualTo(result.refusedRows());
        assertThat(jdbc.sql("select count(*) from test_visit").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void theRefusedRowsDownloadWithTheirReasonsAndGoInOnceFixed() throws IOException {
        TableImport result = upload(file(), StagedImports.Mode.VALID_ROWS);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        imports.writeRefusedRows(result.id(), TableRows.Format.CSV, Locale.ENGLISH, csv);
        List<String> lines = List.of(csv.toString(StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n"));
        assertThat(lines.getFirst()).isEqualTo("走访日期,办公室编号,身份证号,备注,Problems");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).startsWith("not a day,A4,").contains("Visit date: “not a day” is not a date");

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        imports.writeRefusedRows(result.id(), TableRows.Format.XLSX, Locale.SIMPLIFIED_CHINESE, xlsx);
        Path workbook = Files.write(directory.resolve("refused.xlsx"), xlsx.toByteArray());
        List<List<String>> rows = new ArrayList<>();
        try (TableRows read = TableRows.open(workbook, TableRows.Format.XLSX, null)) {
            List<String> row;
            while ((row = read.next()) != null) {
                rows.add(row);
            }
        } catch (TableRows.UnreadableFile e) {
            throw new AssertionError(e.key);
        }
        assertThat(rows).hasSize(5);
        assertThat(rows.get(4).getLast()).startsWith("身份证号: ");

        // Fixed where the report says (one of the twins removed, the date and the check character corrected), the
        // report's own file goes in: its column of problems is not one of the kind's and is left aside.
        String fixed = csv.toString(StandardCharsets.UTF_8)
                .replaceFirst("(?m)^2024/3/3,.*\\R", "")
                .replace("not a day", "2024-03-04")
                .replaceFirst("2024-03-05,A5,[0-9X]+", "2024-03-05,A5," + id("19900202", 13));
        TableImport again = imports.run(visits(), "fixed.csv", new ByteArrayInputStream(fixed.getBytes(StandardCharsets.UTF_8)),
                "UTF-8", StagedImports.Mode.ALL_OR_NOTHING);
        assertThat(again.refused()).isZero();
        assertThat(again.written()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from test_visit").query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void allOrNothingWritesNothingWhenARowIsRefused() {
        TableImport result = upload(file(), StagedImports.Mode.ALL_OR_NOTHING);

        assertThat(result.refused()).isEqualTo(4);
        assertThat(result.written()).isZero();
        assertThat(jdbc.sql("select count(*) from test_visit").query(Integer.class).single()).isZero();
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedWhole() {
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> upload("身份证号,备注\n" + id("19800101", 16) + ",x\n", StagedImports.Mode.VALID_ROWS));
        assertThat(refused.fieldProblems()).extracting(DomainException.FieldProblem::field, p -> List.of(p.args()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", List.of("visitDate")));
    }

    @Test
    void aFileWithoutAHeaderIsRefusedWholeNamingTheColumnsItLacks() {
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> upload("2024-03-01," + id("19800101", 17) + "\n", StagedImports.Mode.VALID_ROWS));
        assertThat(refused.fieldProblems()).extracting(DomainException.FieldProblem::field, p -> List.of(p.args()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", List.of("idNumber, visitDate")));
    }

    @Test
    void aWorkbookWithATitleRowAndCodesByTheirNamesGoesInToo() throws IOException {
        TableKind checks = new TableKind("test-checks", List.of(
                TableColumn.residentId("idNumber", "ID number", "身份证号", true),
                TableColumn.code("result", "Result", "结果", true,
                        java.util.Map.of("PASSED", List.of("Passed", "通过"), "FAILED", List.of("Failed", "未通过"))),
                TableColumn.integer("visits", "Visits", "走访次数", false)),
                VISITS.limits(), TableKind.noRule(), List.of(),
                accepted -> jdbc.sql("insert into test_visit (id_number, visit_date, remark) select id_number, date '2024-01-01',"
                        + " result || '/' || coalesce(visits, 0) from " + accepted).update());
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.of(TableRows.Format.XLSX, workbook)) {
            writer.table("走访", List.of("2024年核查结果", "", "")); // a title row above the header
            writer.row(List.of("走访次数", "结果", "身份证号"));
            writer.row(List.of(3, "通过", id("19800101", 21)));
            writer.row(List.of("2", "failed", id("19800101", 22)));
            writer.row(List.of("two", "maybe", id("19800101", 23)));
        }
        TableImport result = imports.run(checks, "checks.xlsx", new ByteArrayInputStream(workbook.toByteArray()), null,
                StagedImports.Mode.VALID_ROWS);

        assertThat(result).extracting(TableImport::rows, TableImport::written, TableImport::refused).containsExactly(3, 2, 1);
        assertThat(jdbc.sql("select remark from test_visit order by id_number").query(String.class).list())
                .containsExactly("PASSED/3", "FAILED/2");
        assertThat(result.refusedRows().getFirst().problems()).extracting(TableProblem::column, TableProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("result", "unknown"),
                        org.assertj.core.groups.Tuple.tuple("visits", "format"));
    }

    @Test
    void theImportAndItsRefusedRowsAreServedToWhoImported() {
        TableImport result = upload(file(), StagedImports.Mode.VALID_ROWS);
        org.jingzhun.platform.Caller clerk = org.jingzhun.platform.Caller.required();

        assertThat(mvc.get().uri("/api/v1/table-imports/" + result.id()).with(TestCallers.as(clerk))).hasStatusOk()
                .bodyJson().extractingPath("$.refused").isEqualTo(4);
        // The download streams on another thread, outside this test's transaction: its content is tested above, on the
        // service, and AreaScopeTest tries it as another county's user.
        assertThat(mvc.get().uri("/api/v1/table-imports/" + result.id() + "/refused").param("format", "pdf")
                .with(TestCallers.as(clerk))).hasStatus(400);
    }
}
