package org.jingzhun.platform.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's limits against files built to break them (issue 11, items 4 and 6). Every file is made here, small
 * once compressed; the suite runs with {@code -Xmx512m}, so a reader that held what these files expand to would
 * run out of memory rather than pass.
 */
class TableRowsLimitsTest {

    private static final long GIGABYTE = 1L << 30;

    @TempDir
    Path directory;

    /** Reads every row of the file; the refusal met on the way, or null when there was none. */
    private TableRows.UnreadableFile refusalOf(Path file, TableRows.Format format, TableLimits limits) {
        return catchThrowableOfType(TableRows.UnreadableFile.class, () -> {
            try (TableRows rows = TableRows.open(file, format, format == TableRows.Format.CSV
                    ? StandardCharsets.UTF_8 : null, limits)) {
                while (rows.next() != null) {
                    // reading is the test
                }
            }
        });
    }

    /** A refusal the uploader can read: its message exists in English and in Chinese. */
    private static TableRows.UnreadableFile said(TableRows.UnreadableFile refusal) {
        assertThat(refusal).as("refused").isNotNull();
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            assertThat(ResourceBundle.getBundle("messages", locale).getString(refusal.key)).isNotBlank();
        }
        return refusal;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Workbooks.Part oneSharedString = out -> write(out, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");

    @Test
    void refusesAZipBombOfOneHugeSharedStringAtItsDeclaredSize() throws IOException {
        Path bomb = Workbooks.write(directory.resolve("bomb.xlsx"), oneSharedString, out -> {
            write(out, "<si><t>");
            Workbooks.repeat(out, (byte) 'a', GIGABYTE);
            write(out, "</t></si>");
        });
        assertThat(Files.size(bomb)).isLessThan(2L << 20);

        TableRows.UnreadableFile refusal = said(refusalOf(bomb, TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.expansion");
        assertThat(refusal.args).containsExactly(Workbooks.STRINGS, 100);
    }

    @Test
    void refusesAZipBombOfSharedStringsWhoseSizesLieWhileItInflates() throws IOException {
        Path bomb = Workbooks.write(directory.resolve("forged.xlsx"), oneSharedString,
                out -> Workbooks.repeat(out, "<si><t>" + "a".repeat(1_000) + "</t></si>", GIGABYTE / 1_017));
        Workbooks.understate(bomb, Workbooks.STRINGS);

        TableRows.UnreadableFile refusal = said(refusalOf(bomb, TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.expansion");
        assertThat(refusal.args).containsExactly(Workbooks.STRINGS, 100);
    }

    @Test
    void refusesABombOfBlankRowsWhileItInflates() throws IOException {
        Path bomb = Workbooks.write(directory.resolve("blank.xlsx"), out -> {
            write(out, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>household</t></is></c></row>");
            Workbooks.repeat(out, "<row/>", GIGABYTE / 6);
        }, null);
        Workbooks.understate(bomb, Workbooks.SHEET);

        TableRows.UnreadableFile refusal = said(refusalOf(bomb, TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.expansion");
        assertThat(refusal.args).containsExactly(Workbooks.SHEET, 100);
    }

    /** Blank rows numbered as Excel numbers them, with a cell each (as formatting leaves them), to row {@code last}. */
    private Path blankRowsTo(String name, int dataRow, int last) throws IOException {
        return Workbooks.write(directory.resolve(name), out -> {
            write(out, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>household</t></is></c></row>");
            for (int r = 2; r <= last; r++) {
                write(out, r == dataRow ? "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>7</v></c></row>"
                        : "<row r=\"" + r + "\"><c r=\"A" + r + "\" s=\"1\"/></row>");
            }
        }, null);
    }

    @Test
    void passesOverBlankRowsAndReadsTheRowBelowThem() throws Exception {
        Path file = blankRowsTo("spaced.xlsx", 1_000_000, 1_000_000);
        List<Integer> read = new ArrayList<>();
        try (TableRows rows = TableRows.open(file, TableRows.Format.XLSX, null)) {
            List<String> cells;
            while ((cells = rows.next()) != null) {
                read.add(rows.rowNumber());
                assertThat(cells).hasSize(1);
            }
        }
        assertThat(read).containsExactly(1, 1_000_000);
    }

    @Test
    void refusesAWorkbookOfMoreRowsThanTheLimit() throws IOException {
        TableRows.UnreadableFile refusal = said(refusalOf(blankRowsTo("long.xlsx", 1_000_001, 1_000_001),
                TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.too-many-rows");
        assertThat(refusal.args).containsExactly(1_000_000);
    }

    @Test
    void refusesBlankRowsBelowTheLastRowASheetCanHave() throws IOException {
        TableRows.UnreadableFile refusal = said(refusalOf(blankRowsTo("endless.xlsx", 2, TableRows.SHEET_ROWS + 1),
                TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.too-many-rows");
    }

    @Test
    void readsAThousandColumnsOfAMillionAndCountsTheRest() throws Exception {
        Path csv = directory.resolve("wide.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            write(out, "household,villageCode,name");
            Workbooks.repeat(out, ",extra", 1_000_000);
            write(out, "\n1,2,3\n");
        }
        try (TableRows rows = TableRows.open(csv, TableRows.Format.CSV, StandardCharsets.UTF_8)) {
            List<String> header = rows.next();
            assertThat(header).hasSize(1_000).startsWith("household", "villageCode", "name", "extra");
            assertThat(rows.cellsBeyond()).isEqualTo(1_000_003 - 1_000);
            assertThat(rows.next()).containsExactly("1", "2", "3");
            assertThat(rows.cellsBeyond()).isZero();
        }

        Path xlsx = Workbooks.write(directory.resolve("wide.xlsx"), out -> {
            write(out, "<row r=\"1\">");
            Workbooks.repeat(out, "<c t=\"inlineStr\"><is><t>extra</t></is></c>", 5_000);
            write(out, "</row>");
        }, null);
        try (TableRows rows = TableRows.open(xlsx, TableRows.Format.XLSX, null)) {
            assertThat(rows.next()).hasSize(1_000).containsOnly("extra");
            assertThat(rows.cellsBeyond()).isEqualTo(4_000);
        }
    }

    @Test
    void refusesACellLongerThanACellOfExcel() throws IOException {
        String longest = "x".repeat(32_767);
        Path fits = directory.resolve("fits.csv");
        Files.writeString(fits, "a,b\n1,\"" + longest + "\"\n");
        assertThat(refusalOf(fits, TableRows.Format.CSV, TableLimits.DEFAULT)).isNull();

        Path csv = directory.resolve("long.csv");
        Files.writeString(csv, "a,b\n1,\"" + longest + "y\"\n");
        TableRows.UnreadableFile refusal = said(refusalOf(csv, TableRows.Format.CSV, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.cell-too-long");
        assertThat(refusal.args).containsExactly(32_767, 2, "B");

        Path inline = Workbooks.write(directory.resolve("inline.xlsx"), out -> write(out,
                "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>" + longest + "y</t></is></c></row>"), null);
        refusal = said(refusalOf(inline, TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.cell-too-long");
        assertThat(refusal.args).containsExactly(32_767, 3, "C");

        Path shared = Workbooks.write(directory.resolve("shared.xlsx"), oneSharedString,
                out -> write(out, "<si><r><t>" + longest + "</t></r><r><t>y</t></r></si>"));
        refusal = said(refusalOf(shared, TableRows.Format.XLSX, TableLimits.DEFAULT));
        assertThat(refusal.key).isEqualTo("import.file.shared-text-too-long");
        assertThat(refusal.args).containsExactly(32_767);
    }

    @Test
    void refusesBytesThatAreNotUtf8AtTheirLine() throws IOException {
        byte[] good = "household,name\n1,\"two\nlines\"\n".getBytes(StandardCharsets.UTF_8);
        for (String bad : List.of("3,\u00ff\u00fe\n", "\u00ff,x\n")) {
            Path csv = directory.resolve("bad.csv");
            try (OutputStream out = Files.newOutputStream(csv)) {
                out.write(good);
                out.write(bad.getBytes(StandardCharsets.ISO_8859_1)); // 0xFF is never UTF-8
            }
            TableRows.UnreadableFile refusal = said(refusalOf(csv, TableRows.Format.CSV, TableLimits.DEFAULT));
            assertThat(refusal.key).isEqualTo("import.file.bad-encoding");
            assertThat(refusal.args).containsExactly("UTF-8", 4);
        }
    }

    @Test
    void keepsSharedStringsWithinTheirBudgetOnDiskAndRemovesThemAfter() throws Exception {
        int count = 50_000;
        Path file = Workbooks.write(directory.resolve("many.xlsx"), out -> {
            for (int r = 0; r < count; r++) {
                write(out, "<row r=\"" + (r + 1) + "\"><c r=\"A" + (r + 1) + "\" t=\"s\"><v>" + (count - 1 - r) + "</v></c></row>");
            }
        }, out -> {
            for (int i = 0; i < count; i++) {
                write(out, "<si><t>户" + i + "</t><rPh><t>ふりがな</t></rPh></si>");
            }
        });
        TableLimits small = TableLimits.DEFAULT.withSharedStringBytes(64 << 10);
        try (TableRows rows = TableRows.open(file, TableRows.Format.XLSX, null, small)) {
            assertThat(spilled()).hasSize(2);
            for (int r = 0; r < count; r++) {
                assertThat(rows.next()).containsExactly("户" + (count - 1 - r));
            }
            assertThat(rows.next()).isNull();
        }
        assertThat(spilled()).isEmpty();
    }

    private List<Path> spilled() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().contains(".shared-strings-")).toList();
        }
    }
}
