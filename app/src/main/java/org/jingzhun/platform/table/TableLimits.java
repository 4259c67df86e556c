package org.jingzhun.platform.table;

/**
 * What the reader of an uploaded table accepts, so that no file, however built, holds a worker longer or in more
 * memory than its size warrants.
 *
 * @param cellLength        the most characters of one cell (Excel's own limit is 32,767)
 * @param columns           the most columns read; cells further right are skipped without being kept
 * @param workbookRows      the most rows of an XLSX sheet (a CSV file streams with no row limit)
 * @param expansion         the most bytes any part of an XLSX file may inflate to per compressed byte
 * @param sharedStringBytes the memory the shared strings of a workbook may take before they go to disk
 */
public record TableLimits(int cellLength, int columns, int workbookRows, int expansion, long sharedStringBytes) {

    /** Excel's limits where it has them; a shared-string budget that four workers share comfortably in 512 MiB. */
    public static final TableLimits DEFAULT = new TableLimits(32_767, 1_000, 1_000_000, 100, 32L << 20);

    /** The same limits with another memory budget for shared strings: the worker that reads decides it. */
    public TableLimits withSharedStringBytes(long bytes) {
        return new TableLimits(cellLength, columns, workbookRows, expansion, bytes);
    }
}
