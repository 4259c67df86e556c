package org.jingzhun.platform.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported tables never carry a formula (issue 11, item 10), and an exported CSV reads back as it was written. */
class TableWriterTest {

    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3",
            "@SUM(A1:A9)", "\t=1+1", "\r=1+1");

    @Test
    void csvTextCellsThatLookLikeFormulasAreNeutralisedAndNumbersStayNumbers(@TempDir Path directory) throws Exception {
        List<Object> row = new ArrayList<>(FORMULAS);
        row.addAll(List.of(new BigDecimal("-12.50"), -3, "plain", "a=b", "'quoted"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.of(TableRows.Format.CSV, out)) {
            writer.table("t", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"));
            writer.row(row);
        }
        String csv = out.toString(StandardCharsets.UTF_8);
        String line = csv.substring(csv.indexOf("\r\n") + 2);
        assertThat(line).startsWith("\"'=HYPERLINK(").contains(",'+1+1,'-2+3,'@SUM(A1:A9),'\t=1+1,\"'\r=1+1\",")
                .endsWith(",-12.50,-3,plain,a=b,'quoted\r\n");

        Path file = directory.resolve("export.csv");
        Files.write(file, out.toByteArray());
        try (TableRows rows = TableRows.open(file, TableRows.Format.CSV, StandardCharsets.UTF_8)) {
            rows.next();
            assertThat(rows.next()).containsExactlyElementsOf(row.stream().map(String::valueOf).toList());
        }
    }

    @Test
    void xlsxTextCellsAreInlineStringsNeverFormulas(@TempDir Path directory) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.of(TableRows.Format.XLSX, out)) {
            writer.table("t", List.of("a", "b", "c", "d", "e", "f"));
            writer.row(new ArrayList<Object>(FORMULAS));
        }
        Path file = directory.resolve("export.xlsx");
        Files.write(file, out.toByteArray());
        String sheet;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("xl/worksheets/sheet1.xml");
            try (InputStream in = zip.getInputStream(entry)) {
                sheet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(sheet).contains("HYPERLINK").doesNotContain("<f>").doesNotContain("<f ");
        assertThat(Arrays.stream(sheet.split("<c ")).skip(1).filter(c -> c.contains("HYPERLINK") || c.contains("SUM")))
                .allSatisfy(cell -> assertThat(cell).contains("t=\"inlineStr\""));
    }
}
