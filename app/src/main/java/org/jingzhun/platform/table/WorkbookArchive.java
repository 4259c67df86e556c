package org.jingzhun.platform.table;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * The parts of an XLSX file (a zip archive), each inflated under a guard: a part is refused as soon as it has
 * inflated to more than {@link TableLimits#expansion()} times the compressed bytes read so far. The sizes the
 * archive declares are checked first but not trusted, since a forged archive declares what it likes.
 */
final class WorkbookArchive implements Closeable {

    /** Bytes any part may inflate to beyond the ratio: small parts (styles, relationships) compress unevenly. */
    static final long ALLOWANCE = 1 << 20;
    /**
     * The most bytes between two marks of XML ({@code <} or {@code >}): a cell's text is at most 32,767 characters
     * (under 200 KiB even escaped), so a longer run is no spreadsheet, and the XML parser is never handed a
     * name or attribute value of unbounded size.
     */
    static final int LONGEST_RUN = 1 << 20;

    /** A limit a part broke; unchecked so that it passes through the XML parser that reads the part. */
    static final class LimitBroken extends RuntimeException {
        final transient TableRows.UnreadableFile refusal;

        LimitBroken(String key, Object... args) {
            super(key, null, false, false);
            refusal = new TableRows.UnreadableFile(key, args);
        }
    }

    private final ZipFile zip;
    private final int expansion;

    private WorkbookArchive(ZipFile zip, int expansion) {
        this.zip = zip;
        this.expansion = expansion;
    }

    /** The most bytes of the archive's directory of entries: a workbook's is a few KiB, an entry takes at least 46. */
    static final int LONGEST_DIRECTORY = 4 << 20;

    /** The archive, refused at once when an entry declares an expansion beyond the limit or an unusual method. */
    static WorkbookArchive open(Path file, TableLimits limits) throws IOException, TableRows.UnreadableFile {
        checkDirectory(file);
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            throw new TableRows.UnreadableFile("import.file.bad-xlsx");
        }
        WorkbookArchive archive = new WorkbookArchive(zip, limits.expansion());
        try {
            var entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                int method = entry.getMethod();
                if (method != ZipMethod.STORED.getCode() && method != ZipMethod.DEFLATED.getCode()) {
                    throw new TableRows.UnreadableFile("import.file.bad-xlsx");
                }
                if (entry.getSize() > (long) limits.expansion() * Math.max(0, entry.getCompressedSize()) + ALLOWANCE) {
                    throw archive.expanded(entry.getName()).refusal;
                }
            }
        } catch (TableRows.UnreadableFile | RuntimeException e) {
            zip.close();
            throw e instanceof TableRows.UnreadableFile u ? u : new TableRows.UnreadableFile("import.file.bad-xlsx");
        }
        return archive;
    }

    /**
     * Refuses an archive whose directory of entries is longer than a workbook's could be, before the zip library
     * reads it: it makes an object of every entry it finds there, and a forged file can list millions.
     */
    private static void checkDirectory(Path file) throws IOException, TableRows.UnreadableFile {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 22 + 0xFFFF); // the end record and its comment of at most 64 KiB
            java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (end.hasRemaining() && channel.read(end, size - tail + end.position()) > 0) {
                // read to the end
            }
            for (int at = tail - 22; at >= 0; at--) {
                if (end.getInt(at) == 0x06054b50) {
                    long directoryStart = end.getInt(at + 16) & 0xffffffffL;
                    long endRecord = size - tail + at;
                    if (directoryStart == 0xffffffffL || directoryStart > endRecord
                            || endRecord - directoryStart > LONGEST_DIRECTORY) {
                        throw new TableRows.UnreadableFile("import.file.bad-xlsx");
                    }
                    return;
                }
            }
        }
        throw new TableRows.UnreadableFile("import.file.bad-xlsx");
    }

    private LimitBroken expanded(String part) {
        return new LimitBroken("import.file.expansion", part, expansion);
    }

    boolean has(String part) {
        return zip.getEntry(part) != null;
    }

    /** A part inflated under the guard; null when the archive has no such part. */
    Part open(String part) throws IOException {
        ZipArchiveEntry entry = zip.getEntry(part);
        if (entry == null) {
            return null;
        }
        CountingStream raw = new CountingStream(zip.getRawInputStream(entry));
        InputStream inflated = entry.getMethod() == ZipMethod.STORED.getCode() ? raw
                : new InflaterInputStream(raw, new Inflater(true), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        inf.end(); // an inflater given from outside is not ended by the stream
                    }
                };
        return new Part(inflated, raw, part, entry.getCompressedSize());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Checks, as the bytes come out, the ratio to the compressed bytes taken and the longest run without markup. */
    final class Part extends FilterInputStream {
        private final CountingStream raw; // the compressed bytes the inflater takes
        private final String part;
        private final long compressed;
        private long inflated;
        private int run;

        private Part(InputStream in, CountingStream raw, String part, long compressed) {
            super(in);
            this.raw = raw;
            this.part = part;
            this.compressed = compressed;
        }

        /** How much of the part has been read, 0 to 1, from the compressed bytes taken. */
        double progress() {
            return compressed <= 0 ? -1 : Math.min(1, (double) raw.count / compressed);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            inflated += n;
            if (inflated > (long) expansion * raw.count + ALLOWANCE) {
                throw expanded(part);
            }
            for (int i = off; i < off + n; i++) {
                if (b[i] == '<' || b[i] == '>') {
                    run = 0;
                } else if (++run > LONGEST_RUN) {
                    throw new LimitBroken("import.file.bad-xlsx");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }
    }
}
