package org.jingzhun.platform.table;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared strings of a workbook (the texts its cells point to by number), kept in memory up to a budget and
 * beyond it in a file beside the upload: the texts one after the other in UTF-8, and an index of where each
 * begins. A register of a million people shares a few million distinct texts (names, ID numbers), more than a
 * worker's share of the heap; the sheet then reads them back through a small cache.
 */
final class SharedStrings implements Closeable {

    /** Java's cost of a short string beyond its characters: the String, its array, and the list's reference. */
    private static final int STRING_OVERHEAD = 56;
    private static final int CACHED = 4096;

    private List<String> inMemory = new ArrayList<>();
    private long memory;
    private int count;
    /** The texts and their index while they are written. */
    private DataOutputStream spilled;
    private DataOutputStream offsets;
    private Path textFile;
    private Path indexFile;
    private FileChannel text;
    private FileChannel index;
    private final Map<Integer, String> cache = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > CACHED;
        }
    };

    private SharedStrings() {
    }

    /** No shared strings: a workbook whose cells all hold their text inline or numbers. */
    static SharedStrings none() {
        return new SharedStrings();
    }

    /**
     * Reads {@code sharedStrings.xml}: the text of each {@code <si>} without its phonetic runs, refused when one is
     * longer than a cell may be.
     */
    static SharedStrings read(InputStream xml, TableLimits limits, Path workbook)
            throws IOException, TableRows.UnreadableFile {
        SharedStrings strings = new SharedStrings();
        try {
            strings.load(XlsxXml.reader(xml), limits, workbook);
            return strings;
        } catch (XMLStreamException e) {
            strings.close();
            throw XlsxXml.refusal(e);
        } catch (IOException | TableRows.UnreadableFile | RuntimeException e) {
            strings.close();
            throw e;
        }
    }

    private void load(XMLStreamReader xml, TableLimits limits, Path workbook)
            throws XMLStreamException, IOException, TableRows.UnreadableFile {
        StringBuilder item = new StringBuilder();
        boolean inItem = false;
        boolean inText = false;
        int phonetic = 0;
        long written = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "si" -> {
                        inItem = true;
                        item.setLength(0);
                    }
                    case "rPh" -> phonetic++;
                    case "t" -> inText = inItem && phonetic == 0;
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "si" -> {
                        inItem = false;
                        String value = item.toString();
                        if (spilled == null && memory + STRING_OVERHEAD + 2L * value.length() > limits.sharedStringBytes()) {
                            spill(workbook);
                            offsets = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(indexFile), 1 << 16));
                            for (String kept : inMemory) {
                                offsets.writeLong(written);
                                byte[] bytes = kept.getBytes(StandardCharsets.UTF_8);
                                spilled.write(bytes);
                                written += bytes.length;
                            }
                            inMemory = null;
                        }
                        if (spilled == null) {
                            inMemory.add(value);
                            memory += STRING_OVERHEAD + 2L * value.length();
                        } else {
                            offsets.writeLong(written);
                            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                            spilled.write(bytes);
                            written += bytes.length;
                        }
                        count++;
                    }
                    case "rPh" -> phonetic--;
                    case "t" -> inText = false;
                    default -> {
                    }
                }
            } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                // The parser hands long texts over in pieces: a text too long is refused before it is all held.
                if (item.length() + xml.getTextLength() > limits.cellLength()) {
                    throw new TableRows.UnreadableFile("import.file.shared-text-too-long", limits.cellLength());
                }
                item.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
        }
        if (spilled != null) {
            offsets.writeLong(written);
            offsets.close();
            spilled.close();
            offsets = null;
            spilled = null;
            text = FileChannel.open(textFile, StandardOpenOption.READ);
            index = FileChannel.open(indexFile, StandardOpenOption.READ);
        }
    }

    /**
     * Beside the workbook and named after it, so that the upload folder's sweep at start removes what a killed run
     * left while keeping those of the jobs it still runs.
     */
    private void spill(Path workbook) throws IOException {
        Path directory = workbook.toAbsolutePath().getParent();
        String name = workbook.getFileName().toString();
        textFile = ownerOnly(directory, name + ".shared-strings-");
        indexFile = ownerOnly(directory, name + ".shared-strings-index-");
        spilled = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(textFile), 1 << 16));
    }

    /** A file only the system's account may read: the texts are names and ID numbers. */
    private static Path ownerOnly(Path directory, String prefix) throws IOException {
        try {
            return Files.createTempFile(directory, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, prefix, ".tmp");
        }
    }

    /** Whether the texts went to disk. */
    boolean onDisk() {
        return text != null;
    }

    int size() {
        return count;
    }

    /** The text of the given number; null when the workbook has no such text. */
    String get(int number) throws IOException {
        if (number < 0 || number >= count) {
            return null;
        }
        if (inMemory != null) {
            return inMemory.get(number);
        }
        String cached = cache.get(number);
        if (cached != null) {
            return cached;
        }
        ByteBuffer bounds = ByteBuffer.allocate(16);
        readFully(index, bounds, number * 8L);
        long start = bounds.getLong(0);
        int length = (int) (bounds.getLong(8) - start);
        ByteBuffer bytes = ByteBuffer.allocate(length);
        readFully(text, bytes, start);
        String value = new String(bytes.array(), StandardCharsets.UTF_8);
        cache.put(number, value);
        return value;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("The shared strings on disk end early");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (Closeable a = spilled; Closeable b = offsets) {
            if (text != null) {
                text.close();
            }
            if (index != null) {
                index.close();
            }
        } finally {
            if (textFile != null) {
                Files.deleteIfExists(textFile);
            }
            if (indexFile != null) {
                Files.deleteIfExists(indexFile);
            }
        }
    }
}
