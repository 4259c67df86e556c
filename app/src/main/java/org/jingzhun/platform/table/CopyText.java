package org.jingzhun.platform.table;

import java.util.List;

/**
 * Values in PostgreSQL's COPY text format: tabs, line breaks and backslashes escaped, \N for null, arrays as literals.
 * A NUL, which no PostgreSQL text holds, is written as the symbol for it, so that a row holding one is refused alone.
 */
public final class CopyText {

    private CopyText() {
    }

    /** One value as the text format of COPY writes it: null, boolean, number, list (as an array) or text. */
    public static void append(StringBuilder line, Object value) {
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (value instanceof java.math.BigDecimal number) {
            line.append(number.toPlainString());
        } else if (value instanceof List<?> list) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                array.append(i == 0 ? "" : ",");
                if (element == null) {
                    array.append("NULL");
                } else {
                    array.append('"').append(element.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            escape(line, array.append('}').toString());
        } else {
            escape(line, value.toString());
        }
    }

    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> line.append('\u2400'); // PostgreSQL's text holds no NUL: the report shows its symbol
                default -> line.append(c);
            }
        }
    }

    /** The text as PostgreSQL can store it: a NUL character, which no text may hold, shown by the sign for it. */
    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\u2400');
    }

    /** A column's key as a staging table's column: in snake case ({@code idNumber} is {@code id_number}). */
    public static String snakeCase(String key) {
        return key.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
