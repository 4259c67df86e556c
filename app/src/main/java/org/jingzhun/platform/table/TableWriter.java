package org.jingzhun.platform.table;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jingzhun.platform.CsvCells;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes tables row by row as they are produced: CSV (UTF-8 with a byte order mark, so that spreadsheets
 * show Chinese right; one table only) or XLSX (one sheet per table, text written inline so that memory does
 * not grow with the rows, ID numbers kept as text). Text is never written as a formula: CSV text cells that look like
 * one are neutralised, and XLSX text cells are inline strings, which a spreadsheet shows and never evaluates.
 */
public abstract class TableWriter implements Closeable {

    /** Starts a table with its name (the sheet's) and header; CSV takes the first table only. */
    public abstract void table(String name, List<String> header) throws IOException;

    /** Whether this format holds more than one table. */
    public abstract boolean manyTables();

    /** One row: text, numbers and null (an empty cell). */
    public abstract void row(List<?> cells) throws IOException;

    public static TableWriter of(TableRows.Format format, OutputStream out) {
        return format == TableRows.Format.XLSX ? new Xlsx(out) : new Csv(out);
    }

    private static final class Csv extends TableWriter {
        private final Writer out;
        private boolean started;

        Csv(OutputStream out) {
            this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        @Override
        public void table(String name, List<String> header) throws IOException {
            if (started) {
                throw new IllegalStateException("A CSV file holds one table");
            }
            started = true;
            out.write('\uFEFF');
            row(header);
        }

        @Override
        public boolean manyTables() {
            return false;
        }

        @Override
        public void row(List<?> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object cell = cells.get(i);
                // Only text is neutralised: numbers are written as numbers, so a negative figure stays a number.
                out.write(cell == null ? "" : cell instanceof java.math.BigDecimal number ? number.toPlainString()
                        : cell instanceof Number number ? number.toString() : CsvCells.text(cell.toString()));
            }
            out.write("\r\n");
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static final class Xlsx extends TableWriter {
        private final Workbook workbook;
        private Worksheet sheet;
        private int row;

        Xlsx(OutputStream out) {
            workbook = new Workbook(out, "Jingzhun", "1.0");
        }

        @Override
        public void table(String name, List<String> header) throws IOException {
            if (sheet != null) {
                sheet.finish();
            }
            sheet = workbook.newWorksheet(name);
            row = 0;
            row(header);
            sheet.style(0).bold().set();
            sheet.freezePane(0, 1);
        }

        @Override
        public boolean manyTables() {
            return true;
        }

        @Override
        public void row(List<?> cells) throws IOException {
            for (int c = 0; c < cells.size(); c++) {
                Object cell = cells.get(c);
                if (cell instanceof Number number) {
                    sheet.value(row, c, number);
                } else if (cell != null) {
                    sheet.inlineString(row, c, cell.toString());
                }
            }
            if (++row % 1000 == 0) {
                sheet.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (sheet != null) {
                sheet.finish();
            }
            workbook.finish();
        }
    }
}
