package org.jingzhun.interchange.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.TableProblem;

/**
 * Keeps a row's values within what the staging table can hold, so that one bad row is refused alone instead of
 * failing the whole COPY: a NUL character (PostgreSQL's text cannot hold it) and a number beyond the staged
 * column's {@code numeric(12, 2)} (an income of {@code 99999999999999} or {@code 1e309}) leave their value out and
 * make a problem of the row.
 */
final class StagedValues {

    /** numeric(12, 2): ten digits before the point. */
    private static final int STAGED_INTEGER_DIGITS = 10;

    /** The household column of each staged value (by index). */
    private final String[] stagedKeys;

    StagedValues() {
        stagedKeys = Arrays.stream(HouseholdColumn.values()).map(c -> c.key).toArray(String[]::new);
    }

    /** The row with every number that cannot be staged left out and named as a problem (the platform stores the rest). */
    TableKind.Read fit(TableKind.Read read) {
        List<TableProblem> problems = new ArrayList<>(read.problems());
        // A NUL in a cell is named by RowReading, which reads the row with the character replaced by its sign.
        Object[] values = read.values().clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof BigDecimal number
                    && (number.scale() > 2 || number.precision() - number.scale() > STAGED_INTEGER_DIGITS)) {
                // Too many decimals or digits to stage; written out in full, 1e-999999999 alone would take a gigabyte.
                values[i] = null;
                String column = i < stagedKeys.length ? stagedKeys[i] : null;
                if (problems.stream().noneMatch(p -> column != null && column.equals(p.column()))) {
                    problems.add(new TableProblem(column, "range", "import.value.out-of-range", List.of()));
                }
            }
        }
        return new TableKind.Read(values, problems);
    }

    /** The text as PostgreSQL can store it: a NUL character shown by the sign for it. */
    static String storable(String text) {
        return org.jingzhun.platform.table.CopyText.storable(text);
    }
}
