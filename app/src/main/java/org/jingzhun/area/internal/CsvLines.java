package org.jingzhun.area.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated UTF-8 lines (RFC 4180 quoting, one record per line) and counts them, so that every
 * problem can name its line. The header is line 1.
 */
final class CsvLines implements java.io.Closeable {

    /** A record that cannot be split; the message is a reason code: unclosed-quote or text-after-quote. */
    static final class MalformedLine extends Exception {
        MalformedLine(String reason) {
            super(reason);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;

    /** Lines of UTF-8 text; bytes that are not UTF-8 are refused with the number of their line. */
    CsvLines(InputStream in) {
        this.in = in;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its line break, or null at the end; a byte-order mark at the start is dropped.
     * Decoded line by line, so that a line in another encoding is reported as that line.
     */
    String nextLine() throws IOException {
        int length = 0;
        boolean ended = false;
        while (!ended) {
            if (position == limit) {
                limit = in.read(chunk);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            ended = position < limit;
            int count = position - start;
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(chunk, start, line, length, count);
            length += count;
            if (ended) {
                position++; // the line break
            }
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Splits one line into its fields. */
    static List<String> split(String line) throws MalformedLine {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new MalformedLine("unclosed-quote");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new MalformedLine("text-after-quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString().strip());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
