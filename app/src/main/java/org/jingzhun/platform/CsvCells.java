package org.jingzhun.platform;

/**
 * Text cells of the CSV files the system writes: quoted where a comma, quote or line break needs it, and never read
 * by a spreadsheet as a formula (OWASP's CSV injection guidance: a cell beginning with = + - @, a tab or a return
 * gets a leading single quote, which reading the file back drops again).
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** A text cell as written: neutralised, then quoted if it must be. */
    public static String text(String text) {
        String safe = neutralised(text);
        return safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** A text a spreadsheet would run as a formula, with a single quote before it. */
    public static String neutralised(String text) {
        return formulaLike(text, 0) ? "'" + text : text;
    }

    /** The text a neutralised cell stood for: the quote is dropped only where {@link #neutralised} put it. */
    public static String unneutralised(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && formulaLike(text, 1) ? text.substring(1) : text;
    }

    private static boolean formulaLike(String text, int at) {
        if (text.length() <= at) {
            return false;
        }
        char first = text.charAt(at);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
