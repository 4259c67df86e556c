package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jingzhun.platform.DomainException;

/**
 * A whole small table read from an upload (village figures, county lists, the staged import's kinds): CSV in UTF-8 or
 * GB18030 (quoted cells, strict decoding) or the first sheet of an XLSX workbook, within bounds the caller sets. A file
 * that cannot be read, or exceeds a bound, is refused as invalid with the field {@code file} and the reason. The upload
 * goes to a temporary file first (the workbook reader needs random access, and the character set is told from the
 * whole file), which is removed when the table is read.
 *
 * @param rows    the non-blank rows in order (the first is the header when the file has one; the caller decides)
 * @param charset the character set a CSV file was read in (null for a workbook)
 */
public record UploadedTable(List<Row> rows, String charset) {

    /**
     * What one table may hold: the file's bytes, its non-blank rows, the columns read of each row (cells further right
     * are skipped) and one cell's characters.
     */
    public record Limits(long bytes, int rows, int columns, int cellLength) {
    }

    /** A non-blank row: its number in the file (1 the first, as a spreadsheet numbers it) and its cells. */
    public record Row(int number, List<String> cells) {
    }

    /**
     * Reads a whole table; the format is told from the content. {@code charset} is UTF-8, GB18030, or null or AUTO to
     * detect it (UTF-8 when the whole file decodes as UTF-8, otherwise GB18030).
     */
    public static UploadedTable read(InputStream content, String charset, Limits limits) {
        return streamed(content, charset, limits, (table, read) -> {
            List<Row> rows = new ArrayList<>();
            List<String> cells;
            while ((cells = table.next()) != null) {
                if (TableRows.blank(cells) || TableTemplate.example(cells)) { // a template's example is no data
                    continue;
                }
                tooMany(rows.size() + 1, limits);
                rows.add(new Row(table.rowNumber(), List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList())));
            }
            return new UploadedTable(List.copyOf(rows), read == null ? null : read.name());
        });
    }

    /** What is done with the rows of an upload while they stream; {@code charset} is null for a workbook. */
    interface RowsReader<T> {
        T read(TableRows rows, Charset charset) throws IOException, TableRows.UnreadableFile;
    }

    /** Refuses a file at its row beyond the most rows it may have. */
    static void tooMany(int rows, Limits limits) {
        if (rows > limits.rows()) {
            throw refused("file", "too-many-rows", "import.file.too-many-rows", limits.rows());
        }
    }

    /**
     * Streams the rows of an upload to a reader: the upload goes to a temporary file within the limit of bytes, its format
     * and character set are told, and the file is removed when the reader is done. A file that cannot be read is refused.
     */
    static <T> T streamed(InputStream content, String charset, Limits limits, RowsReader<T> reader) {
        String chosen = chosen(charset);
        Path file = null;
        try {
            file = Files.createTempFile("jingzhun-table-", ".upload"); // owner only, as POSIX temporary files are made
            copyAtMost(content, file, limits.bytes());
            return kept(file, chosen, limits, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is the system's to clean; the table was read
                }
            }
        }
    }

    /** The character set asked for, checked: UTF-8, GB18030 or AUTO (for none). */
    private static String chosen(String charset) {
        String chosen = charset == null || charset.isBlank() ? "AUTO" : charset.strip().toUpperCase(Locale.ROOT);
        if (!List.of("AUTO", "UTF-8", "GB18030").contains(chosen)) {
            throw refused("charset", "unknown", "import.charset.unknown", chosen);
        }
        return chosen;
    }

    /**
     * Streams the rows of a file kept on disk (an upload a job imports, or the temporary copy of one) to a reader: its
     * format and character set told, a file that cannot be read refused.
     */
    static <T> T kept(Path file, String charset, Limits limits, RowsReader<T> reader) {
        String chosen = chosen(charset);
        try {
            TableRows.Format format = TableRows.formatOf(file);
            Charset read = format == TableRows.Format.XLSX ? null
                    : chosen.equals("AUTO") ? TableRows.detectCharset(file) : Charset.forName(chosen);
            TableLimits bounds = new TableLimits(limits.cellLength(), limits.columns(), TableLimits.DEFAULT.workbookRows(),
                    TableLimits.DEFAULT.expansion(), TableLimits.DEFAULT.sharedStringBytes());
            try (TableRows table = TableRows.open(file, format, read, bounds)) {
                return reader.read(table, read);
            }
        } catch (TableRows.UnreadableFile e) {
            throw refused("file", e.key.substring(e.key.lastIndexOf('.') + 1), e.key, e.args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the upload, refused as soon as it holds more than {@code most} bytes, before the disk fills with it. */
    static void copyAtMost(InputStream content, Path file, long most) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                total += n;
                if (total > most) {
                    throw refused("file", "too-large", "table.file.too-large", most >> 20);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    static DomainException refused(String field, String code, String key, Object... args) {
        return DomainException.invalid(List.of(new DomainException.FieldProblem(field, code, key, args)));
    }
}
