package org.jingzhun.interchange.internal;

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

import org.jingzhun.interchange.Tables;
import org.jingzhun.platform.DomainException;
import org.springframework.stereotype.Service;

/**
 * Whole tables for other features, read by {@link TableRows} as household imports read theirs. The upload goes to a
 * temporary file first (the workbook reader needs random access, and the character set is told from the whole file),
 * which is removed when the table is read.
 */
@Service
class TableReader implements Tables {

    @Override
    public Table read(InputStream content, String charset, Limits limits) {
        String chosen = charset == null || charset.isBlank() ? "AUTO" : charset.strip().toUpperCase(Locale.ROOT);
        if (!List.of("AUTO", "UTF-8", "GB18030").contains(chosen)) {
            throw refused("charset", "unknown", "import.charset.unknown", chosen);
        }
        Path file = null;
        try {
            file = Files.createTempFile("jingzhun-table-", ".upload"); // owner only, as POSIX temporary files are made
            copyAtMost(content, file, limits.bytes());
            TableRows.Format format = TableRows.formatOf(file);
            Charset read = format == TableRows.Format.XLSX ? null
                    : chosen.equals("AUTO") ? TableRows.detectCharset(file) : Charset.forName(chosen);
            TableLimits bounds = new TableLimits(limits.cellLength(), limits.columns(), TableLimits.DEFAULT.workbookRows(),
                    TableLimits.DEFAULT.expansion(), TableLimits.DEFAULT.sharedStringBytes());
            List<Row> rows = new ArrayList<>();
            try (TableRows table = TableRows.open(file, format, read, bounds)) {
                List<String> cells;
                while ((cells = table.next()) != null) {
                    if (TableRows.blank(cells)) {
                        continue;
                    }
                    if (rows.size() == limits.rows()) {
                        throw refused("file", "too-many-rows", "import.file.too-many-rows", limits.rows());
                    }
                    rows.add(new Row(table.rowNumber(), List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList())));
                }
            }
            return new Table(List.copyOf(rows), read == null ? null : read.name());
        } catch (TableRows.UnreadableFile e) {
            throw refused("file", e.key.substring(e.key.lastIndexOf('.') + 1), e.key, e.args);
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

    /** Copies the upload, refused as soon as it holds more than {@code most} bytes, before the disk fills with it. */
    private static void copyAtMost(InputStream content, Path file, long most) throws IOException {
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

    private static DomainException refused(String field, String code, String key, Object... args) {
        return DomainException.invalid(List.of(new DomainException.FieldProblem(field, code, key, args)));
    }
}
