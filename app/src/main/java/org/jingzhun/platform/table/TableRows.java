package org.jingzhun.platform.table;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jingzhun.platform.CsvCells;


/**
 * The rows of an uploaded file one at a time, cells as text: a CSV file (UTF-8 or GB18030) or the first sheet
 * of an XLSX workbook, streamed, so that memory does not grow with the file. What it reads is bounded by
 * {@link TableLimits}: a file beyond them is refused with the limit named, before it can fill the heap.
 */
public abstract class TableRows implements Closeable {

    public static final Charset GB18030 = Charset.forName("GB18030");
    /** The rows and columns a sheet can have at all (Excel's grid); beyond them a workbook is forged. */
    public static final int SHEET_ROWS = 1_048_576;
    public static final int SHEET_COLUMNS = 16_384;

    /** The kinds of file read; anything else is refused before a row is read. */
    public enum Format { CSV, XLSX }

    /** A file that cannot be read as a table at all, with the message key saying why. */
    public static final class UnreadableFile extends Exception {
        /** The message key, {@code import.file.<reason>}. */
        public final String key;
        public final transient Object[] args;

        public UnreadableFile(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }
    }

    /**
     * The next row's cells, at most {@link TableLimits#columns()} of them, or null at the end of the file; a
     * file found to break a limit on the way is refused.
     */
    public abstract List<String> next() throws IOException, UnreadableFile;

    /** The row number in the file (1 the first) of the row {@link #next()} gave last. */
    public abstract int rowNumber();

    /** How many cells of the row {@link #next()} gave last held something right of the last column read. */
    public abstract int cellsBeyond();

    /** How much of the file has been read, 0 to 1, or -1 when it cannot be told. */
    public abstract double progress();

    /** What the file is, from its first bytes: refused when empty, an old binary workbook, or not text. */
    public static Format formatOf(Path file) throws IOException, UnreadableFile {
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
    public static Charset detectCharset(Path file) throws IOException {
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

    public static TableRows open(Path file, Format format, Charset charset) throws IOException, UnreadableFile {
        return open(file, format, charset, TableLimits.DEFAULT);
    }

    /** The rows of a file under the given limits; the shared strings of a workbook may go to disk beside it. */
    public static TableRows open(Path file, Format format, Charset charset, TableLimits limits) throws IOException, UnreadableFile {
        return format == Format.XLSX ? new WorkbookRows(file, limits) : new Csv(file, charset, limits);
    }

    /**
     * The rows of CSV text streamed from {@code in} in a character set the caller knows (files the system ships or
     * that a tool wrote, compressed or not): no temporary file, no detection. Closing the rows closes the stream.
     */
    public static TableRows csv(InputStream in, Charset charset, TableLimits limits) throws IOException, UnreadableFile {
        return new Csv(in, -1, charset, limits);
    }

    /** A column's letters as spreadsheets show them: A, B, ..., Z, AA. */
    public static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /**
     * CSV as RFC 4180 writes it: commas, quotes doubled inside quoted cells, line breaks allowed inside quotes.
     * Decoded strictly: bytes that are no text in the file's character set refuse the file at their line, rather
     * than entering the registry as U+FFFD.
     */
    private static final class Csv extends TableRows {
        private final TableLimits limits;
        private final Charset charset;
        private final CountingStream counted;
        private final long size;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private boolean endOfBytes;
        private boolean malformed;
        private boolean done;
        /** Characters read ahead: the parser takes them one by one without a call per character. */
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int line;
        private int rowStart;
        private int cellsBeyond;

        Csv(Path file, Charset charset, TableLimits limits) throws IOException, UnreadableFile {
            this(Files.newInputStream(file), Files.size(file), charset, limits);
        }

        Csv(InputStream in, long size, Charset charset, TableLimits limits) throws IOException, UnreadableFile {
            this.limits = limits;
            this.charset = charset;
            this.size = size;
            counted = new CountingStream(in);
            decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                if (peek() == '\uFEFF') { // a byte order mark is not part of the first header
                    position++;
                }
            } catch (BadBytes e) {
                counted.close();
                throw badBytes(1);
            } catch (IOException e) {
                counted.close(); // a stream that fails at once (a damaged compressed file) is closed here, not left open
                throw e;
            }
        }

        /** Bytes that are not text in the file's character set, met where the parser has come to. */
        private static final class BadBytes extends IOException {
            BadBytes() {
                super(null, null);
            }
        }

        private UnreadableFile badBytes(int atLine) {
            return new UnreadableFile("import.file.bad-encoding", charset.name(), atLine);
        }

        private int peek() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position];
        }

        /** Decodes the next characters; false at the end of the file, BadBytes once the good ones before are taken. */
        private boolean fill() throws IOException {
            CharBuffer out = CharBuffer.wrap(buffer);
            while (out.position() == 0) {
                if (malformed) {
                    throw new BadBytes();
                }
                if (done) {
                    return false;
                }
                if (!endOfBytes && bytes.hasRemaining()) {
                    int n = counted.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        endOfBytes = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, out, endOfBytes);
                bytes.compact();
                if (result.isError()) {
                    malformed = true;
                } else if (endOfBytes && result.isUnderflow()) {
                    decoder.flush(out);
                    done = true;
                }
            }
            position = 0;
            limit = out.position();
            return true;
        }

        @Override
        public List<String> next() throws IOException, UnreadableFile {
            boolean started = false;
            try {
                if (peek() < 0) {
                    return null;
                }
                started = true;
                return row();
            } catch (BadBytes e) {
                throw badBytes(started ? line : line + 1);
            }
        }

        private List<String> row() throws IOException, UnreadableFile {
            rowStart = ++line;
            cellsBeyond = 0;
            List<String> cells = new ArrayList<>(32);
            StringBuilder cell = new StringBuilder(32);
            int length = 0; // of the cell, counted also right of the last column read, where nothing is kept
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                int c = read();
                if (c < 0) {
                    end(cells, cell, length);
                    return cells;
                }
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            position++;
                            length = append(cells, cell, length, '"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        length = append(cells, cell, length, (char) c);
                    }
                } else if (c == '"' && length == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    end(cells, cell, length);
                    cell.setLength(0);
                    length = 0;
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        position++;
                    }
                    end(cells, cell, length);
                    return cells;
                } else {
                    length = append(cells, cell, length, (char) c);
                }
            }
        }

        private int append(List<String> cells, StringBuilder cell, int length, char c) throws UnreadableFile {
            if (cells.size() >= limits.columns()) {
                return length + 1;
            }
            if (length >= limits.cellLength()) {
                throw new UnreadableFile("import.file.cell-too-long", limits.cellLength(), rowStart, columnLetter(cells.size()));
            }
            cell.append(c);
            return length + 1;
        }

        /** A cell ends: kept when left of the limit, counted when right of it and not empty. */
        private void end(List<String> cells, StringBuilder cell, int length) {
            if (cells.size() < limits.columns()) {
                cells.add(CsvCells.unneutralised(cell.toString())); // what the CSV export neutralised
            } else if (length > 0) {
                cellsBeyond++;
            }
        }

        private int read() throws IOException {
            int c = peek();
            if (c >= 0) {
                position++;
            }
            return c;
        }

        @Override
        public int rowNumber() {
            return rowStart;
        }

        @Override
        public int cellsBeyond() {
            return cellsBeyond;
        }

        @Override
        public double progress() {
            return size < 0 ? -1 : size == 0 ? 1 : Math.min(1, (double) counted.count / size);
        }

        @Override
        public void close() throws IOException {
            counted.close();
        }
    }

    public static boolean blank(List<String> cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

}
