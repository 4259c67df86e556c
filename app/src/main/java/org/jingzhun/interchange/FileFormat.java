package org.jingzhun.interchange;

/** The kinds of file households go in and out as: CSV or an XLSX workbook. */
public enum FileFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    /** The media type a download is sent as. */
    public final String mediaType;
    /** The file name extension, without the dot. */
    public final String extension;

    FileFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }
}
