package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * The one staged import: a file read by the platform's table reader, its header matched to the kind's columns, its rows
 * staged with COPY into a temporary table, checked by the kind's rules in Java and SQL, and its accepted rows written
 * by the kind; the refused rows and problems kept with their reasons as a report to page through or download. In the
 * caller's transaction all of it is that one transaction (a small kind, with what the caller writes besides); without
 * one, each phase is a transaction of its own on one connection holding the staging (a large file, followed as it goes).
 */
public interface StagedImports {

    /** Whether rows with problems refuse the whole file, or only themselves. */
    enum Mode { ALL_OR_NOTHING, VALID_ROWS }

    /** The phases of an import in order: the file read into staging, its rows checked, the accepted rows written. */
    enum Phase { READING, CHECKING, WRITING }

    /** How many rows are read between two reports of progress, each a chance to stop. */
    int PROGRESS_EVERY = 5_000;

    /**
     * Follows an import as it goes; each call but {@link #ending} may stop it by throwing {@link InterruptedException}
     * (an import stopped from outside, or held there by a test's failpoint until it lets it go on).
     */
    interface Progress {

        /** At the start of a phase, with the import's id (its report is there from reading on). */
        void phase(Phase phase, long id) throws InterruptedException;

        /** Every {@link #PROGRESS_EVERY} rows staged, and once all are: the rows so far and the share of the file read (-1 unknown). */
        void read(int rows, double share) throws InterruptedException;

        /** The header found: its cells, the file's columns the kind does not know (by position), the cells beyond those read. */
        void header(List<String> cells, java.util.SortedMap<Integer, String> unknown, int beyond);

        /** In the writing transaction before it commits: the import as it ends. Throwing undoes the write. */
        void ending(TableImport result);
    }

    /** No one follows: for the small kinds, imported within a request. */
    Progress UNFOLLOWED = new Progress() {
        @Override
        public void phase(Phase phase, long id) {
        }

        @Override
        public void read(int rows, double share) {
        }

        @Override
        public void header(List<String> cells, java.util.SortedMap<Integer, String> unknown, int beyond) {
        }

        @Override
        public void ending(TableImport result) {
        }
    };

    /**
     * A file kept on disk (a large upload a job imports): its name as uploaded, where it is, its character set (UTF-8,
     * GB18030, or null to tell it from the file) and its SHA-256 checksum in hex.
     */
    record Upload(String fileName, java.nio.file.Path file, String charset, String checksum) {
    }

    /**
     * Imports a file on disk of a kind as the current caller, reporting its course to {@code progress}; refused as
     * {@link #run(TableKind, String, InputStream, String, Mode)} refuses. Stopped by {@code progress} or an interrupt of
     * the thread, it throws {@link InterruptedException}, and nothing of it is written.
     */
    TableImport run(TableKind kind, Upload upload, Mode mode, Progress progress) throws InterruptedException;

    /** One page of the refused rows of an import (the caller's own, or any for a national administrator), by row number. */
    org.jingzhun.platform.Page<TableImport.RefusedRow> refusedRows(long id, int page, int size);

    /** One page of the problems of an import (the caller's own, or any for a national administrator), by row number. */
    org.jingzhun.platform.Page<TableImport.RowProblem> problems(long id, int page, int size);

    /** Removes what an import cut short left (its report so far): for the module that ran it, not a caller's request. */
    void forget(long id);

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
