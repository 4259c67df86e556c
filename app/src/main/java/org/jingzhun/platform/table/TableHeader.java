package org.jingzhun.platform.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The header of an uploaded table: the first row naming enough known columns, looked for under the title rows that
 * registers often have (at most {@link #TITLE_ROWS} of them). The rows read above it are kept, for a kind of file whose
 * header is optional and for naming the first row of a file without any.
 *
 * @param cells       the header's cells, or null when no row named enough columns
 * @param rowNumber   its row in the file (0 without a header)
 * @param cellsBeyond its cells right of the last column read
 * @param above       the rows read above it (all rows read, without a header), with their numbers in {@code numbers}
 */
public record TableHeader(List<String> cells, int rowNumber, int cellsBeyond, List<List<String>> above, List<Integer> numbers) {

    /** How many rows above the header may be titles. */
    public static final int TITLE_ROWS = 20;

    /** Reads rows until one has at least {@code enough} cells that {@code known} takes for column names. */
    public static TableHeader find(TableRows rows, Predicate<String> known, int enough) throws IOException, TableRows.UnreadableFile {
        List<List<String>> above = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int seen = 0; seen < TITLE_ROWS; seen++) {
            List<String> row = rows.next();
            if (row == null) {
                break;
            }
            if (row.stream().filter(cell -> cell != null && known.test(CellValues.foldHeader(cell))).count() >= enough) {
                return new TableHeader(row, rows.rowNumber(), rows.cellsBeyond(), above, numbers);
            }
            above.add(new ArrayList<>(row));
            numbers.add(rows.rowNumber());
        }
        return new TableHeader(null, 0, 0, above, numbers);
    }

    /** Whether a header was found. */
    public boolean found() {
        return cells != null;
    }

    /** The first non-blank row read, for a file without a header; null when there was none. */
    public List<String> firstRow() {
        return found() ? cells : above.stream().filter(row -> !TableRows.blank(row)).findFirst().orElse(null);
    }

    /** The number of {@link #firstRow()}. */
    public int firstRowNumber() {
        if (found()) {
            return rowNumber;
        }
        for (int i = 0; i < above.size(); i++) {
            if (!TableRows.blank(above.get(i))) {
                return numbers.get(i);
            }
        }
        return 0;
    }
}
