package org.jingzhun.platform.table;

import java.util.List;

/**
 * A problem of one row of an imported table: the column's key (null for the whole row), a stable code, the message key
 * and its arguments, which the refused-row report shows in the reader's language.
 */
public record TableProblem(String column, String code, String key, List<String> args) {

    public TableProblem {
        args = List.copyOf(args);
    }
}
