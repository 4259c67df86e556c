package org.jingzhun.platform.table;

import java.util.List;
import java.util.Map;

/**
 * A kind of file the staged import takes: its name, its columns, its bounds, and its checks: a rule in Java for each
 * row (the module's own rules), and SQL checks over the whole staged file, each a query on {@code staged} (a column
 * per {@link TableColumn#sqlName()}, and {@code row_number}) giving the rows' problems as
 * {@code (row_number, column_key, code, message_key, args text[])}; then what is done with the accepted rows.
 *
 * @param headerOptional whether a file without a header is read too, its columns in the kind's order (a list of codes)
 * @param checks SQL, run in order; a check may use {@code :areas}, the caller's areas as a text array ('' for the
 *               whole country), to keep a file to what its uploader may enter
 */
public record TableKind(String name, List<TableColumn> columns, UploadedTable.Limits limits, RowRule rule,
                        List<String> checks, Write write, boolean headerOptional) {

    public TableKind {
        columns = List.copyOf(columns);
        checks = List.copyOf(checks);
    }

    /** A kind whose files have a header. */
    public TableKind(String name, List<TableColumn> columns, UploadedTable.Limits limits, RowRule rule, List<String> checks,
                     Write write) {
        this(name, columns, limits, rule, checks, write, false);
    }

    /** The same kind with its write: a module declares the kind once and gives the write where it has its database. */
    public TableKind writing(Write write) {
        return new TableKind(name, columns, limits, rule, checks, write, headerOptional);
    }

    /**
     * The kind's own rules for one row, given its values by column key (null where a cell was blank); asked only of rows
     * whose cells all fit their columns, so that a rule need not repeat the types' checks.
     */
    @FunctionalInterface
    public interface RowRule {
        List<TableProblem> check(Map<String, Object> values);
    }

    /**
     * What the module does with the accepted rows, in the import's transaction: {@code accepted} names a relation of
     * the staged rows without problems. Returns how many it wrote (a row already there again is not written twice).
     */
    @FunctionalInterface
    public interface Write {
        int write(String accepted);
    }

    /** A kind without rules of its own in Java. */
    public static RowRule noRule() {
        return values -> List.of();
    }
}
