package org.jingzhun.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import org.jingzhun.platform.Page;

/**
 * Imports of household files (one row per member) by data entry users, run in the background: each row is
 * checked with the forms' rules and against the registry, and the households without problems enter the
 * registry in one transaction. A job and its report are kept; only its user (or a national administrator) sees them.
 */
public interface HouseholdImports {

    /** Keeps the uploaded file and queues its import; refused at once when the file is empty or not a table. */
    ImportJob start(String fileName, InputStream content, ImportJob.Mode mode, String charset) throws IOException;

    /** One import of the caller's; any other is not found. */
    ImportJob get(long id);

    /** The caller's latest imports, newest first. */
    List<ImportJob> recent();

    /** One page of the problems of an import, by row; the page's size at most {@link Page#MAX_SIZE}. */
    Page<ImportProblem> problems(long id, int page, int size);

    /** One page of the refused rows of an import, by row number, each with its problems. */
    Page<RefusedRow> refusedRows(long id, int page, int size);

    /** The refused rows as they were in the file, with a column of their problems in the given language: to fix and upload again. */
    void writeRefusedRows(long id, FileFormat format, Locale locale, OutputStream out) throws IOException;

    /** An empty file with the columns in the given language, and (in a workbook) a sheet explaining each column and code. */
    void writeTemplate(FileFormat format, Locale locale, OutputStream out) throws IOException;
}
