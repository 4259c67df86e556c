package org.jingzhun.interchange;

import java.util.List;

/** A refused row of an import as it was in the file (its cells in the file's order), with its problems. */
public record RefusedRow(int rowNumber, List<String> cells, List<ImportProblem> problems) {
}
