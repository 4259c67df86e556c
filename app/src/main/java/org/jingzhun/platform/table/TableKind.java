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
 *               whole country), to keep a file to what its uploader may enter, {@code :import}, the import's id (to
 *               read the problems found before it in {@code table_import_problem}), and the staging's parameters
 * @param staging what a kind needs beyond its columns' types (a large kind's own reading, marks and checks under a lock)
 */
public record TableKind(String name, List<TableColumn> columns, UploadedTable.Limits limits, RowRule rule,
                        List<String> checks, Write write, boolean headerOptional, Staging staging) {

    public TableKind {
        columns = List.copyOf(columns);
        checks = List.copyOf(checks);
        staging = staging == null ? Staging.PLAIN : staging;
    }

    /** A kind whose rows are read by its columns' types and its rule. */
    public TableKind(String name, List<TableColumn> columns, UploadedTable.Limits limits, RowRule rule, List<String> checks,
                     Write write, boolean headerOptional) {
        this(name, columns, limits, rule, checks, write, headerOptional, Staging.PLAIN);
    }

    /** A kind whose files have a header. */
    public TableKind(String name, List<TableColumn> columns, UploadedTable.Limits limits, RowRule rule, List<String> checks,
                     Write write) {
        this(name, columns, limits, rule, checks, write, false);
    }

    /** The same kind with its write: a module declares the kind once and gives the write where it has its database. */
    public TableKind writing(Write write) {
        return new TableKind(name, columns, limits, rule, checks, write, headerOptional, staging);
    }

    /**
     * What a kind may need beyond its columns: the household file (millions of rows, read with the registry's rules)
     * needs all of it, a small kind none ({@link #PLAIN}).
     *
     * @param reader         reads a row in place of the columns' types and the rule; null for those
     * @param types          the staged SQL type of a column (by key) whose reader gives another than its type's
     * @param derived        further staged columns, as SQL column definitions, for the kind's statements to fill
     * @param prepare        SQL statements run on {@code pg_temp.staged} before the checks (filling derived columns)
     * @param writingChecks  checks run again in the writing transaction, one import of the kind writing at a time, for
     *                       what another import entered since the checks (each must not add a problem found already)
     * @param parameters     the checks' and statements' own parameters
     * @param ignoredHeaders headers (folded by {@link CellValues#foldHeader}) neither read nor reported as unknown
     */
    public record Staging(RowReader reader, Map<String, String> types, List<String> derived, List<String> prepare,
                          List<String> writingChecks, Map<String, Object> parameters, java.util.Set<String> ignoredHeaders) {

        /** A kind read by its columns' types and rule, checked once. */
        public static final Staging PLAIN = new Staging(null, Map.of(), List.of(), List.of(), List.of(), Map.of(),
                java.util.Set.of());

        public Staging {
            types = Map.copyOf(types);
            derived = List.copyOf(derived);
            prepare = List.copyOf(prepare);
            writingChecks = List.copyOf(writingChecks);
            parameters = Map.copyOf(parameters);
            ignoredHeaders = java.util.Set.copyOf(ignoredHeaders);
        }
    }

    /**
     * A kind's own reading of a row: given the file's row as it is (cells may hold anything, NUL included) and where each
     * column is in it (by the kind's columns' order, -1 for a column the file lacks), the values as staged in the
     * columns' order, and the row's problems.
     */
    @FunctionalInterface
    public interface RowReader {
        Read read(List<String> row, int[] positions);
    }

    /** A row as read: its values in the columns' order, and its problems. */
    public record Read(Object[] values, List<TableProblem> problems) {
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
