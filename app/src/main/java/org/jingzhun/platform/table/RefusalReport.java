package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.context.MessageSource;

/**
 * The refused rows of an import as a table to fix and upload again: the file's cells as they were, then a last column
 * saying each problem in the reader's language, "column: reason". Household imports and the staged import write theirs
 * alike; the problems come from SQL packed by {@link #packed(String)}.
 */
public final class RefusalReport {

    private RefusalReport() {
    }

    /**
     * The SQL expression packing a problem (of a table aliased {@code alias} with column_key, message_key and args) into
     * one text, for an {@code array(select ...)} of a row's problems.
     */
    public static String packed(String alias) {
        // Spaced on both sides: text blocks around it drop their lines' trailing spaces.
        return " coalesce(" + alias + ".column_key, '') || chr(31) || " + alias + ".message_key || chr(31)"
                + " || array_to_string(" + alias + ".args, chr(30), '') ";
    }

    /** Writes a refused row: its cells up to the header's width, then its problems said in the language. */
    public static void row(TableWriter writer, List<?> cells, int width, String[] packed, MessageSource messages,
                           Locale locale, Function<String, String> columnName) {
        List<Object> row = new ArrayList<>(cells);
        while (row.size() < width) {
            row.add(null);
        }
        List<String> said = new ArrayList<>();
        for (String problem : packed) {
            String[] parts = problem.split("\u001f", -1);
            Object[] args = parts[2].isEmpty() ? new Object[0] : parts[2].split("\u001e", -1);
            String text = messages.getMessage(parts[1], args, parts[1], locale);
            said.add(parts[0].isEmpty() ? text : columnName.apply(parts[0]) + ": " + text);
        }
        row.add(String.join("; ", said));
        try {
            writer.row(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
