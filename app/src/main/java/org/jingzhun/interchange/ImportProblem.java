package org.jingzhun.interchange;

import java.util.List;

/** A problem of an imported row: its row number in the file, the column (null for the whole row), why, and the message. */
public record ImportProblem(int rowNumber, String column, String code, String messageKey, List<String> args) {
}
