package org.jingzhun.interchange;

import java.io.InputStream;
import java.util.List;

/**
 * Small tables read from an upload with the reader household imports use: CSV in UTF-8 or GB18030 (quoted cells,
 * strict decoding) or the first sheet of an XLSX workbook, within bounds the caller sets, for the features that import
 * a table of their own (village figures). A file that cannot be read, or exceeds a bound, is refused as invalid with
 * the field {@code file} and the reason.
 */
public interface Tables {

    /**
     * What one table may hold: the file's bytes, its non-blank rows, the columns read of each row (cells further right
     * are skipped) and one cell's characters.
     */
    record Limits(long bytes, int rows, int columns, int cellLength) {
    }

    /** A non-blank row: its number in the file (1 the first, as a spreadsheet numbers it) and its cells. */
    record Row(int number, List<String> cells) {
    }

    /**
     * A table as read: its non-blank rows in order (the first is the header when the file has one; the caller decides),
     * and the character set a CSV file was read in (null for a workbook).
     */
    record Table(List<Row> rows, String charset) {
    }

    /**
     * Reads a whole table; the format is told from the content. {@code charset} is UTF-8, GB18030, or null or AUTO to
     * detect it (UTF-8 when the whole file decodes as UTF-8, otherwise GB18030).
     */
    Table read(InputStream content, String charset, Limits limits);
}
