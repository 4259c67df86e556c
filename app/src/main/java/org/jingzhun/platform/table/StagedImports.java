package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The one staged import: a file read by the platform's table reader, its header matched to the kind's columns, its rows
 * staged with COPY into a temporary table, checked by the kind's rules in Java and SQL, and its accepted rows written
 * by the kind, all in the caller's transaction; the refused rows kept with their reasons as a report to download.
 */
public interface StagedImports {

    /** Whether rows with problems refuse the whole file, or only themselves. */
    enum Mode { ALL_OR_NOTHING, VALID_ROWS }

    /**
     * Imports a file of a kind as the current caller. A file that cannot be read as a table of this kind (unreadable,
     * too large, required columns missing) is refused whole as invalid, naming the field {@code file}.
     *
     * @param charset UTF-8, GB18030, or null or AUTO to tell it from the file
     */
    TableImport run(TableKind kind, String fileName, InputStream content, String charset, Mode mode);

    /** An import as it ended, with its first refused rows: the caller's own, or any for a national administrator. */
    TableImport get(long id);

    /**
     * Where the columns of an import (the caller's own, or any for a national administrator) were in its file, as
     * spreadsheets name them (A, B, …), by their keys; a column the file lacked is absent.
     */
    java.util.Map<String, String> columnLetters(long id);

    /**
     * Writes the refused rows of an import (the caller's own, or any for a national administrator) as a table: the
     * file's header, then each refused row's cells and its reasons in the given language.
     */
    void writeRefusedRows(long id, TableRows.Format format, Locale locale, OutputStream out) throws IOException;
}
