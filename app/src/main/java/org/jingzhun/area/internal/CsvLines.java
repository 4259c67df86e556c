package org.jingzhun.area.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated lines (RFC 4180 quoting, one record per line) and counts them, so that every
 * problem can name its line. The header is line 1.
 */
final class CsvLines {

    /** A record that cannot be split: its quotes do not close on the line. */
    static final class MalformedLine extends Exception {
        MalformedLine(String message) {
            super(message);
        }
    }

    private final BufferedReader reader;
    private long lineNumber;

    CsvLines(BufferedReader reader) {
        this.reader = reader;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** The raw next line, or null at the end; a byte-order mark at the start is dropped. */
    String nextLine() throws IOException {
        String line = reader.readLine();
        if (line != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        return line;
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
                        throw new MalformedLine("a quoted field is not closed");
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
                    throw new MalformedLine("text follows a closing quote");
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
