package org.jingzhun.interchange.internal;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The rows of an uploaded file one at a time, cells as text: a CSV file (UTF-8 or GB18030) or the first sheet
 * of an XLSX workbook, streamed, so that memory does not grow with the file.
 */
abstract class TableRows implements Closeable {

    static final Charset GB18030 = Charset.forName("GB18030");

    /** The kinds of file read; anything else is refused before a row is read. */
    enum Format { CSV, XLSX }

    /** A file that cannot be read as a table at all, with the message key saying why. */
    static final class UnreadableFile extends Exception {
        final String key;
        final Object[] args;

        UnreadableFile(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }
    }

    /** The next row's cells, or null at the end of the file. */
    abstract List<String> next() throws IOException;

    /** The row number in the file (1 the first) of the row {@link #next()} gave last. */
    abstract int rowNumber();

    /** How much of the file has been read, 0 to 1, or -1 when it cannot be told. */
    abstract double progress();

    /** What the file is, from its first bytes: refused when empty, an old binary workbook, or not text. */
    static Format formatOf(Path file) throws IOException, UnreadableFile {
        byte[] head = new byte[4096];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        if (length == 0) {
            throw new UnreadableFile("import.file.empty");
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.XLSX;
        }
        if (length >= 8 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0) {
            throw new UnreadableFile("import.file.old-excel");
        }
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                throw new UnreadableFile("import.file.not-a-table");
            }
        }
        return Format.CSV;
    }

    /** The character set of a CSV file: UTF-8 when the whole file decodes as UTF-8, otherwise GB18030. */
    static Charset detectCharset(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buffer = new char[1 << 16];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    static TableRows open(Path file, Format format, Charset charset) throws IOException, UnreadableFile {
        return format == Format.XLSX ? new Workbook(file) : new Csv(file, charset);
    }

    /** CSV as RFC 4180 writes it: commas, quotes doubled inside quoted cells, line breaks allowed inside quotes. */
    private static final class Csv extends TableRows {
        private final CountingStream counted;
        private final long size;
        private final Reader reader;
        /** Characters read ahead: the parser takes them one by one without a call per character. */
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int line;
        private int rowStart;

        Csv(Path file, Charset charset) throws IOException {
            size = Files.size(file);
            counted = new CountingStream(Files.newInputStream(file));
            reader = new InputStreamReader(counted, charset);
            if (peek() == '\uFEFF') { // a byte order mark is not part of the first header
                position++;
            }
        }

        private int peek() throws IOException {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position];
        }

        private int read() throws IOException {
            int c = peek();
            if (c >= 0) {
                position++;
            }
            return c;
        }

        @Override
        List<String> next() throws IOException {
            if (peek() < 0) {
                return null;
            }
            rowStart = ++line;
            List<String> cells = new ArrayList<>(32);
            StringBuilder cell = new StringBuilder(32);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                int c = read();
                if (c < 0) {
                    cells.add(TableWriter.unneutralised(cell.toString()));
                    return cells;
                }
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            position++;
                            cell.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    cells.add(TableWriter.unneutralised(cell.toString()));
                    cell.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        position++;
                    }
                    cells.add(TableWriter.unneutralised(cell.toString()));
                    return cells;
                } else {
                    cell.append((char) c);
                }
            }
        }

        @Override
        int rowNumber() {
            return rowStart;
        }

        @Override
        double progress() {
            return size == 0 ? 1 : Math.min(1, (double) counted.count / size);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** The first sheet of a workbook, row by row; numbers as Excel stored them, so lost digits can be told. */
    private static final class Workbook extends TableRows {
        private final ReadableWorkbook workbook;
        private final Stream<Row> rows;
        private final Iterator<Row> iterator;
        private final List<MergedCells.Range> merges;
        private int nextMerge;
        /** The merged ranges the rows have reached and not yet left, with the value of their first cell. */
        private final List<Map.Entry<MergedCells.Range, String>> openMerges = new ArrayList<>();
        private int rowNumber;

        Workbook(Path file) throws IOException, UnreadableFile {
            try {
                workbook = new ReadableWorkbook(file.toFile());
                rows = workbook.getFirstSheet().openStream();
                merges = MergedCells.of(file, workbook.getFirstSheet().getId());
            } catch (IOException | RuntimeException e) {
                throw new UnreadableFile("import.file.bad-xlsx");
            }
            iterator = rows.iterator();
        }

        /** A cell under the first of a merged range takes its value, as the reader of the sheet sees it. */
        private void fillMerged(List<String> cells) {
            while (nextMerge < merges.size() && merges.get(nextMerge).firstRow() <= rowNumber) {
                MergedCells.Range range = merges.get(nextMerge++);
                int column = range.firstColumn();
                String value = range.firstRow() == rowNumber && column < cells.size() ? cells.get(column) : "";
                openMerges.add(Map.entry(range, value));
            }
            openMerges.removeIf(open -> open.getKey().lastRow() < rowNumber);
            for (Map.Entry<MergedCells.Range, String> open : openMerges) {
                int column = open.getKey().firstColumn();
                if (open.getKey().firstRow() < rowNumber) {
                    while (cells.size() <= column) {
                        cells.add("");
                    }
                    if (cells.get(column).isEmpty()) {
                        cells.set(column, open.getValue());
                    }
                }
            }
        }

        @Override
        List<String> next() throws IOException {
            Row row;
            try {
                if (!iterator.hasNext()) {
                    return null;
                }
                row = iterator.next();
            } catch (RuntimeException e) {
                throw new IOException("The workbook is damaged after row " + rowNumber, e);
            }
            rowNumber = row.getRowNum();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(text(row.getCell(i)));
            }
            fillMerged(cells);
            return cells;
        }

        /** A cell as text: numbers in plain notation when Excel kept every digit, as stored otherwise. */
        private static String text(Cell cell) {
            if (cell == null || cell.getRawValue() == null) {
                return "";
            }
            return switch (cell.getType()) {
                case NUMBER -> {
                    String raw = cell.getRawValue();
                    if (raw.contains("E") || raw.contains("e")) {
                        yield raw; // a long number Excel rounded: the reader says so rather than guess
                    }
                    yield new BigDecimal(raw).stripTrailingZeros().toPlainString();
                }
                case BOOLEAN -> "1".equals(cell.getRawValue()) ? "TRUE" : "FALSE";
                default -> cell.getRawValue();
            };
        }

        @Override
        int rowNumber() {
            return rowNumber;
        }

        @Override
        double progress() {
            return -1;
        }

        @Override
        public void close() throws IOException {
            rows.close();
            workbook.close();
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    static boolean blank(List<String> cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

}
