package org.jingzhun.platform.table;

import java.util.List;

/**
 * What an import of a table did: the rows read, those accepted (the kind's write took them, or found them there
 * already), those written, and those refused, the first of them with their cells and reasons; all of them can be
 * downloaded as a table to fix and upload again.
 */
public record TableImport(long id, String kind, int rows, int valid, int written, int refused,
                          List<RefusedRow> refusedRows) {

    /** How many refused rows a result carries; the report holds them all. */
    public static final int SHOWN = 100;

    /** A refused row: its number in the file, its cells as they were, and why. */
    public record RefusedRow(int rowNumber, List<String> cells, List<TableProblem> problems) {
    }

    /** A problem of a row, as the report pages through them. */
    public record RowProblem(int rowNumber, TableProblem problem) {
    }

    /** Whether nothing was refused. */
    public boolean clean() {
        return refused == 0;
    }
}
