package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The merged cells of a worksheet. Registers often merge a household's cells (its number, village, category)
 * over the rows of its members; the spreadsheet keeps the value in the first cell only, and a reader that
 * ignored the merge would find the other members' rows blank. Read from the sheet's XML, which lists them.
 * Only ranges over several rows matter (the value goes down its first column), and each is kept in one long.
 */
final class MergedCells {

    /**
     * The most ranges kept: a million people in households of three, fifteen columns merged each, with room to
     * spare, in 32 MiB.
     */
    static final int MOST = 4_000_000;

    /** A merged range, rows 1-based as spreadsheets number them, columns 0-based. */
    record Range(int firstRow, int lastRow, int firstColumn, int lastColumn) {

        private long packed() {
            return (long) firstRow << 42 | (long) lastRow << 21 | firstColumn;
        }

        private static Range unpacked(long packed) {
            int column = (int) (packed & 0x1fffff);
            return new Range((int) (packed >>> 42), (int) (packed >>> 21 & 0x1fffff), column, column);
        }
    }

    private final long[] ranges;

    private MergedCells(long[] ranges) {
        this.ranges = ranges;
    }

    static MergedCells none() {
        return new MergedCells(new long[0]);
    }

    int size() {
        return ranges.length;
    }

    /** The range of the given place in the order of first rows. */
    Range get(int i) {
        return Range.unpacked(ranges[i]);
    }

    /** The ranges over several rows of the given sheet part that begin left of the last column read, by first row. */
    static MergedCells of(WorkbookArchive archive, String sheetPart, TableLimits limits)
            throws IOException, TableRows.UnreadableFile {
        long[] found = new long[64];
        int count = 0;
        try (InputStream in = archive.open(sheetPart)) {
            if (in == null) {
                throw new TableRows.UnreadableFile("import.file.bad-xlsx");
            }
            XMLStreamReader xml = XlsxXml.reader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("mergeCell")) {
                    Range range = range(xml.getAttributeValue(null, "ref"));
                    if (range != null && range.lastRow() > range.firstRow() && range.firstColumn() < limits.columns()
                            && range.firstRow() > 0 && range.lastRow() <= TableRows.SHEET_ROWS) {
                        if (count == MOST) {
                            throw new TableRows.UnreadableFile("import.file.too-many-merges", MOST);
                        }
                        if (count == found.length) {
                            found = Arrays.copyOf(found, count * 2);
                        }
                        found[count++] = range.packed();
                    }
                }
            }
        } catch (XMLStreamException | WorkbookArchive.LimitBroken e) {
            throw XlsxXml.refusal(e);
        }
        long[] ranges = Arrays.copyOf(found, count);
        Arrays.sort(ranges); // the first row is the highest bits
        return new MergedCells(ranges);
    }

    /** {@code B3:D7} as a range; null when it is not one. */
    static Range range(String reference) {
        String[] corners = reference == null ? new String[0] : reference.split(":");
        if (corners.length != 2) {
            return null;
        }
        int[] first = cell(corners[0]);
        int[] last = cell(corners[1]);
        return first == null || last == null ? null : new Range(first[0], last[0], first[1], last[1]);
    }

    /** {@code AB12} as row 12 and column 27; null when it is not a cell reference. */
    static int[] cell(String reference) {
        int column = 0;
        int i = 0;
        while (i < reference.length() && Character.isLetter(reference.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
            if (column > TableRows.SHEET_COLUMNS) {
                return null;
            }
            i++;
        }
        if (i == 0 || i == reference.length() || reference.length() - i > 7) {
            return null;
        }
        try {
            return new int[]{Integer.parseInt(reference.substring(i)), column - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
