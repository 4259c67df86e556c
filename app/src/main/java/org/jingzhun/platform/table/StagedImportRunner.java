package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Page;
import org.jingzhun.platform.Role;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The staged import: the rows streamed into a temporary table {@code staged} with COPY (the values by type, the original
 * cells, the problems found in Java), then the problems in SQL, then the kind's write of the accepted rows, then the
 * refused rows kept as the import's report. Set-based from the COPY on, so that a large file costs the database's time,
 * not the heap's. In the caller's transaction it is all that transaction; without one it holds one connection for the
 * import, whose session keeps the staging, and runs each phase as a transaction of its own on it, so that a large file's
 * reading and checks are followed and can be stopped between them, and only its writing holds locks of the kind's
 * tables. A stop of the process or of the database takes the session's staging with it.
 */
@Service
class StagedImportRunner implements StagedImports {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StagedImportRunner.class);

    private static final String PROBLEM = "insert into table_import_problem (import_id, row_number, column_key, code,"
            + " message_key, args) ";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final MessageSource messages;
    private final JsonMapper json;

    StagedImportRunner(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, MessageSource messages,
                       JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.messages = messages;
        this.json = json;
    }

    @Override
    public TableImport run(TableKind kind, String fileName, InputStream content, String charset, Mode mode) {
        MessageDigest sha = sha256();
        Path file = null;
        try {
            file = Files.createTempFile("jingzhun-table-", ".upload"); // owner only, as POSIX temporary files are made
            UploadedTable.copyAtMost(new DigestInputStream(content, sha), file, kind.limits().bytes());
            return run(kind, new Upload(fileName, file, charset, HexFormat.of().formatHex(sha.digest())), mode, UNFOLLOWED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The import was stopped", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is the system's to clean; the table was read
                }
            }
        }
    }

    @Override
    public TableImport run(TableKind kind, Upload upload, Mode mode, Progress progress) throws InterruptedException {
        Caller caller = Caller.required();
        boolean own = !TransactionSynchronizationManager.isActualTransactionActive();
        Connection held = null;
        long id = 0;
        try {
            if (own) {
                held = dataSource.getConnection();
                TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(held));
            }
            long begun = inTransaction(() -> begin(kind, upload, mode, caller));
            id = begun;
            phase(progress, Phase.READING, id);
            // In phases of its own, the COPY commits by itself, as each row of progress does on another connection.
            Work<Staged> reading = () -> UploadedTable.kept(upload.file(), upload.charset(), kind.limits(),
                    (rows, read) -> stage(kind, rows, progress, own));
            long started = System.nanoTime();
            Staged staged = own ? carried(reading) : inTransaction(reading);
            took(kind, id, staged.rows() + " rows staged", started);
            inTransaction(() -> jdbc.sql("update table_import set header = :header, rows_read = :rows where id = :id")
                    .param("header", staged.header().stream().map(CopyText::storable).toArray(String[]::new))
                    .param("rows", staged.rows()).param("id", begun).update());
            phase(progress, Phase.CHECKING, id);
            inTransaction(() -> check(kind, begun, caller));
            phase(progress, Phase.WRITING, id);
            started = System.nanoTime();
            TableImport result = inTransaction(() -> write(kind, begun, staged.rows(), mode, progress));
            took(kind, id, "written", started);
            return result;
        } catch (Stopped e) {
            forgetOwn(own, id);
            throw e.cause;
        } catch (InterruptedException e) {
            forgetOwn(own, id);
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot import the file", e);
        } catch (RuntimeException | Error e) {
            forgetOwn(own, id);
            throw e;
        } finally {
            if (held != null) {
                TransactionSynchronizationManager.unbindResource(dataSource);
                try (Connection connection = held; var dropping = connection.createStatement()) {
                    // The session goes back to the pool: its staging goes, unless the database went with it.
                    dropping.execute("drop view if exists pg_temp.table_accepted; drop table if exists pg_temp.staged");
                } catch (SQLException e) {
                    // a connection lost with its session, staging and all
                }
            }
        }
    }

    /** An import cut short in phases of its own leaves no report behind; in the caller's transaction, that rolls back. */
    private void forgetOwn(boolean own, long id) {
        if (own && id != 0) {
            try {
                forget(id);
            } catch (RuntimeException e) {
                // the database is away: the module that ran it forgets it when it is back
            }
        }
    }

    /** Reports a phase, stopping the import when it was interrupted meanwhile. */
    private static void phase(Progress progress, Phase phase, long id) throws InterruptedException {
        stopIfInterrupted();
        progress.phase(phase, id);
        stopIfInterrupted();
    }

    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("The import was stopped");
        }
    }

    /** Work of a phase, in the caller's transaction or in one of its own. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws IOException, InterruptedException, TableRows.UnreadableFile;
    }

    /** A stop (or another checked exception) carried out of a transaction's callback. */
    private static final class Stopped extends RuntimeException {
        final InterruptedException cause;

        Stopped(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return transaction.execute(status -> carried(work));
    }

    /** Runs work with its checked exceptions carried as unchecked ones. */
    private static <T> T carried(Work<T> work) {
        try {
            return work.run();
        } catch (InterruptedException e) {
            throw new Stopped(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TableRows.UnreadableFile e) {
            throw UploadedTable.refused("file", e.key.substring(e.key.lastIndexOf('.') + 1), e.key, e.args);
        }
    }

    /** The import's record, there from the start so that what a stop leaves can be found by its id. */
    private long begin(TableKind kind, Upload upload, Mode mode, Caller caller) {
        String name = upload.fileName() == null || upload.fileName().isBlank() ? "upload" : upload.fileName().strip();
        return jdbc.sql("""
                insert into table_import (kind, user_id, user_login, file_name, checksum, mode, header, columns, created_at)
                values (:kind, :user, :login, :name, :checksum, :mode, '{}', :columns::jsonb, :now) returning id""")
                .param("kind", kind.name()).param("user", caller.userId()).param("login", caller.login())
                .param("name", name.length() > 255 ? name.substring(name.length() - 255) : name)
                .param("checksum", upload.checksum() == null ? "" : upload.checksum()).param("mode", mode.name())
                .param("columns", json.writeValueAsString(kind.columns().stream()
                        .collect(java.util.stream.Collectors.toMap(TableColumn::key, c -> List.of(c.english(), c.chinese())))))
                .param("now", ChinaClock.now())
                .query(Long.class).single();
    }

    /** The parameters of a kind's statement: its own, the import's id and the caller's areas. */
    private static Map<String, Object> parameters(TableKind kind, long id, Caller caller) {
        Map<String, Object> parameters = new HashMap<>(kind.staging().parameters());
        parameters.put("import", id);
        parameters.put("areas", caller.areas().stream().sorted().toArray(String[]::new));
        return parameters;
    }

    /** The problems Java found, then the kind's statements and checks on the whole staged file. */
    private Void check(TableKind kind, long id, Caller caller) {
        long started = System.nanoTime();
        jdbc.sql("analyze pg_temp.staged").update();
        Map<String, Object> parameters = parameters(kind, id, caller);
        jdbc.sql(PROBLEM + """
                select :import, s.row_number, nullif(p ->> 'column', ''), p ->> 'code', p ->> 'key', array(select jsonb_array_elements_text(p -> 'args'))
                  from pg_temp.staged s cross join lateral jsonb_array_elements(s.problems) p
                 where s.problems is not null""").param("import", id).update();
        for (String statement : kind.staging().prepare()) {
            jdbc.sql(statement).params(parameters).update();
        }
        checks(kind.checks(), parameters);
        took(kind, id, "checked", started);
        return null;
    }

    private void checks(List<String> checks, Map<String, Object> parameters) {
        for (int i = 0; i < checks.size(); i++) {
            long started = System.nanoTime();
            int found = jdbc.sql(PROBLEM + "select :import, c.* from (" + checks.get(i) + ") c").params(parameters).update();
            log.debug("Staged import {}: check {} found {} in {} ms", parameters.get("import"), i + 1, found,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Logs how long a phase of an import took: where the time of a large file goes. */
    private static void took(TableKind kind, long id, String what, long started) {
        log.info("Staged import {} ({}): {} in {} ms", id, kind.name(), what, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * In one transaction: the checks to run again (one import of the kind at a time), the accepted rows to the kind's
     * write, the refused rows kept, the counts; then the caller's ending, which may still undo it all.
     */
    private TableImport write(TableKind kind, long id, int rows, Mode mode, Progress progress) {
        if (!kind.staging().writingChecks().isEmpty()) {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('staged import'), hashtext(:kind))").param("kind", kind.name())
                    .query().singleRow();
            checks(kind.staging().writingChecks(), parameters(kind, id, Caller.required()));
        }
        int refused = jdbc.sql("select count(distinct row_number) from table_import_problem where import_id = :id")
                .param("id", id).query(Integer.class).single();
        int valid = rows - refused;
        int written = 0;
        if (mode == Mode.VALID_ROWS || refused == 0) {
            jdbc.sql("drop view if exists pg_temp.table_accepted").update(); // an import before in the same transaction
            // A view, not a copy: a large file's accepted rows are read where they are staged.
            jdbc.sql("create temp view table_accepted as select * from pg_temp.staged s where not exists"
                    + " (select 1 from table_import_problem p where p.import_id = " + id + " and p.row_number = s.row_number)")
                    .update();
            written = kind.write().write("pg_temp.table_accepted");
            jdbc.sql("drop view pg_temp.table_accepted").update();
        } else {
            valid = 0;
        }
        jdbc.sql("""
                insert into table_import_refusal (import_id, row_number, cells)
                select :id, s.row_number, string_to_array(s.cells, chr(31)) from pg_temp.staged s
                 where exists (select 1 from table_import_problem p where p.import_id = :id and p.row_number = s.row_number)""")
                .param("id", id).update();
        jdbc.sql("update table_import set rows_valid = :valid, rows_written = :written, rows_refused = :refused where id = :id")
                .param("valid", valid).param("written", written).param("refused", refused).param("id", id).update();
        TableImport result = new TableImport(id, kind.name(), rows, valid, written, refused, firstRefusedRows(id, 0, TableImport.SHOWN));
        progress.ending(result);
        jdbc.sql("drop table pg_temp.staged").update();
        return result;
    }

    /** What staging gave: the header's cells and the number of rows staged. */
    private record Staged(List<String> header, int rows) {
    }

    /** Finds the header, then COPYs every row with its values and the problems Java finds in it. */
    private Staged stage(TableKind kind, TableRows rows, Progress progress, boolean own)
            throws IOException, TableRows.UnreadableFile {
        List<TableColumn> columns = kind.columns();
        Map<String, Integer> names = names(columns.stream().map(c -> List.of(c.key(), c.english(), c.chinese())).toList());
        // The header is the first row naming three of the columns (or all the required ones, of a kind with fewer).
        int enough = Math.min(3, Math.max(1, (int) columns.stream().filter(TableColumn::required).count()));
        TableHeader found = TableHeader.find(rows, folded -> column(names, folded) != null, enough);
        List<String> header = found.cells();
        List<List<String>> above = found.found() ? List.of() : found.above();
        List<Integer> aboveNumbers = found.numbers();
        if (!found.found()) {
            if (!kind.headerOptional()) {
                throw UploadedTable.refused("file", "missing-column", "import.column.missing", String.join(", ",
                        columns.stream().filter(TableColumn::required).map(TableColumn::key).toList()));
            }
            header = columns.stream().map(TableColumn::key).toList(); // no header: the columns in the kind's order
        }
        java.util.SortedMap<Integer, String> unknown = new java.util.TreeMap<>();
        int[] positions = positions(columns, header, names, kind.staging().ignoredHeaders(), found.found() ? unknown : null);
        progress.header(header, unknown, found.found() ? found.cellsBeyond() : 0);
        createStaging(kind, own);
        TableKind.RowReader reader = kind.staging().reader() != null ? kind.staging().reader() : columnsReader(kind);
        int count = 0;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "copy pg_temp.staged (row_number, "
                    + String.join(", ", columns.stream().map(TableColumn::sqlName).toList()) + ", cells, problems) from stdin", 1 << 20);
            try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 20)) {
                StringBuilder line = new StringBuilder(512);
                List<String> cells;
                int replayed = 0;
                while ((cells = replayed < above.size() ? above.get(replayed) : rows.next()) != null) {
                    int rowNumber = replayed < above.size() ? aboveNumbers.get(replayed++) : rows.rowNumber();
                    if (TableRows.blank(cells) || TableTemplate.example(cells)) { // a template's example is no data
                        continue;
                    }
                    UploadedTable.tooMany(++count, kind.limits());
                    TableKind.Read read = reader.read(cells, positions);
                    line.setLength(0);
                    line.append(rowNumber);
                    for (Object value : read.values()) {
                        line.append('\t');
                        CopyText.append(line, value);
                    }
                    line.append('\t');
                    CopyText.append(line, joined(cells));
                    line.append('\t');
                    CopyText.append(line, read.problems().isEmpty() ? null : json.writeValueAsString(read.problems().stream()
                            .map(p -> Map.of("column", p.column() == null ? "" : p.column(), "code", p.code(), "key", p.key(),
                                    "args", p.args().stream().map(CopyText::storable).toList())).toList()));
                    line.append('\n');
                    out.append(line);
                    if (count % PROGRESS_EVERY == 0) {
                        reportRead(progress, count, rows.progress(), own);
                    }
                }
            } catch (IOException | RuntimeException | TableRows.UnreadableFile e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot stage the file", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        if (count == 0) {
            throw UploadedTable.refused("file", "no-rows", "table.file.no-rows");
        }
        reportRead(progress, count, rows.progress(), own);
        return new Staged(header.stream().map(c -> c == null ? "" : c).toList(), count);
    }

    /**
     * Reports the rows read so far; a stop then is carried out of the reading. In phases of the import's own, what the
     * listener writes goes through another connection: the import's is busy with the COPY.
     */
    private void reportRead(Progress progress, int count, double share, boolean own) {
        Object holder = own ? TransactionSynchronizationManager.unbindResource(dataSource) : null;
        try {
            stopIfInterrupted();
            progress.read(count, share);
        } catch (InterruptedException e) {
            throw new Stopped(e);
        } finally {
            if (holder != null) {
                TransactionSynchronizationManager.bindResource(dataSource, holder);
            }
        }
    }

    /**
     * A row's cells as staged: one text, the cells joined by the unit separator (a cell's own shown by its sign, as a
     * NUL is), taken apart again for the refused rows only; a large file's rows stage faster so than as arrays.
     */
    private static String joined(List<String> cells) {
        StringBuilder joined = new StringBuilder(256);
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                joined.append('\u001f');
            }
            if (cell != null) {
                joined.append(CopyText.storable(cell).replace('\u001f', '\u241f'));
            }
        }
        return joined.toString();
    }

    /** The reading of a kind without its own: each cell by its column's type, then the kind's rule. */
    private static TableKind.RowReader columnsReader(TableKind kind) {
        List<TableColumn> columns = kind.columns();
        List<Map<String, String>> codeNames = columns.stream().map(TableColumn::codeNames).toList();
        return (cells, positions) -> {
            List<TableProblem> problems = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                TableColumn column = columns.get(i);
                String cell = positions[i] < 0 || positions[i] >= cells.size() || cells.get(positions[i]) == null
                        ? "" : CopyText.storable(cells.get(positions[i])).strip();
                Object value = null;
                if (cell.isEmpty()) {
                    if (column.required()) {
                        problems.add(new TableProblem(column.key(), "required", "table.value.required", List.of()));
                    }
                } else {
                    value = column.read(cell, codeNames.get(i), problems);
                }
                values.put(column.key(), value);
            }
            if (problems.isEmpty()) {
                problems.addAll(kind.rule().check(java.util.Collections.unmodifiableMap(values)));
            }
            return new TableKind.Read(values.values().toArray(), problems);
        };
    }

    /** Which cell holds which column; refused when a required column is missing or one is there twice. */
    private static int[] positions(List<TableColumn> columns, List<String> header, Map<String, Integer> names,
                                   java.util.Set<String> ignored, Map<Integer, String> unknown) {
        int[] positions = new int[columns.size()];
        java.util.Arrays.fill(positions, -1);
        for (int i = 0; i < header.size(); i++) {
            String folded = header.get(i) == null ? "" : CellValues.foldHeader(header.get(i));
            Integer column = folded.isEmpty() || ignored.contains(folded) ? null : column(names, folded);
            if (column == null) {
                if (unknown != null && !folded.isEmpty() && !ignored.contains(folded)) {
                    unknown.put(i, header.get(i).strip());
                }
                continue; // a column of the office's own is kept in the report, not read
            }
            if (positions[column] >= 0) {
                throw UploadedTable.refused("file", "column-twice", "import.column.twice", header.get(i).strip(),
                        TableRows.columnLetter(positions[column]), TableRows.columnLetter(i));
            }
            positions[column] = i;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).required() && positions[i] < 0) {
                missing.add(columns.get(i).key());
            }
        }
        if (!missing.isEmpty()) {
            throw UploadedTable.refused("file", "missing-column", "import.column.missing", String.join(", ", missing));
        }
        return positions;
    }

    /**
     * The columns' names, folded, each with and without its unit, to the column's index: given each column's key and
     * headers, in the columns' order.
     */
    private static Map<String, Integer> names(List<List<String>> namesByColumn) {
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < namesByColumn.size(); i++) {
            for (String name : namesByColumn.get(i)) {
                names.put(CellValues.foldHeader(name), i);
                names.putIfAbsent(CellValues.withoutUnit(CellValues.foldHeader(name)), i);
            }
        }
        return names;
    }

    /** The column a folded header names, as it is or without its unit; null for none. */
    private static Integer column(Map<String, Integer> names, String folded) {
        Integer column = names.get(folded);
        return column != null ? column : names.get(CellValues.withoutUnit(folded));
    }

    /**
     * The staging table: in the caller's transaction dropped at its commit, in phases of the import's own kept by its
     * session until the import ends.
     */
    private void createStaging(TableKind kind, boolean own) {
        jdbc.sql("drop table if exists pg_temp.staged").update();
        List<String> definitions = new ArrayList<>();
        for (TableColumn column : kind.columns()) {
            definitions.add(column.sqlName() + " " + kind.staging().types().getOrDefault(column.key(), column.type().sql));
        }
        definitions.addAll(kind.staging().derived());
        jdbc.sql("create temp table staged (row_number integer primary key, " + String.join(", ", definitions)
                + ", cells text not null, problems jsonb)" + (own ? "" : " on commit drop")).update();
    }

    /** Refused rows of an import by row number, each with its problems, from an offset. */
    private List<TableImport.RefusedRow> firstRefusedRows(long id, long offset, int limit) {
        List<TableImport.RefusedRow> rows = new ArrayList<>();
        jdbc.sql("""
                select r.row_number, r.cells, p.column_key, p.code, p.message_key, p.args
                  from (select row_number, cells from table_import_refusal where import_id = :id order by row_number
                        limit :limit offset :offset) r
                  join table_import_problem p on p.import_id = :id and p.row_number = r.row_number
                 order by r.row_number, p.column_key nulls last, p.code""")
                .param("id", id).param("limit", limit).param("offset", offset)
                .query(rs -> {
                    int row = rs.getInt(1);
                    if (rows.isEmpty() || rows.getLast().rowNumber() != row) {
                        rows.add(new TableImport.RefusedRow(row, List.of((String[]) rs.getArray(2).getArray()), new ArrayList<>()));
                    }
                    rows.getLast().problems().add(problem(rs, 3));
                });
        return rows.stream().map(r -> new TableImport.RefusedRow(r.rowNumber(), r.cells(), List.copyOf(r.problems()))).toList();
    }

    /** A problem from the columns column key, code, message key and args, from the one given on. */
    private static TableProblem problem(java.sql.ResultSet rs, int first) throws SQLException {
        String column = rs.getString(first);
        return new TableProblem(column == null || column.isEmpty() ? null : column, rs.getString(first + 1),
                rs.getString(first + 2), List.of((String[]) rs.getArray(first + 3).getArray()));
    }

    @Override
    @Transactional(readOnly = true)
    public Page<TableImport.RefusedRow> refusedRows(long id, int page, int size) {
        long total = visibleCount(id, page, size, "table_import_refusal");
        return new Page<>(firstRefusedRows(id, Page.offset(page, size), size), page, size, total);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<TableImport.RowProblem> problems(long id, int page, int size) {
        long total = visibleCount(id, page, size, "table_import_problem");
        List<TableImport.RowProblem> items = jdbc.sql("""
                select row_number, column_key, code, message_key, args from table_import_problem where import_id = :id
                 order by row_number, column_key nulls last, code limit :size offset :offset""")
                .param("id", id).param("size", size).param("offset", Page.offset(page, size))
                .query((rs, i) -> new TableImport.RowProblem(rs.getInt(1), problem(rs, 2))).list();
        return new Page<>(items, page, size, total);
    }

    @Override
    @Transactional
    public void forget(long id) {
        jdbc.sql("delete from table_import where id = :id").param("id", id).update();
    }

    /** For a page of an import's report: the page checked, the import one the caller may see, the rows of the part. */
    private long visibleCount(long id, int page, int size, String part) {
        Page.check(page, size);
        visible(id);
        return jdbc.sql("select count(*) from " + part + " where import_id = :id").param("id", id).query(Long.class).single();
    }

    /** Refuses as not found an import the caller may not see. */
    private void visible(long id) {
        Caller caller = Caller.required();
        if (jdbc.sql("select count(*) from table_import where id = :id and (user_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", caller.has(Role.ADMINISTRATOR) && caller.national())
                .query(Long.class).single() == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "table.import.not-found", id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public TableImport get(long id) {
        Caller caller = Caller.required();
        return jdbc.sql("select kind, rows_read, rows_valid, rows_written, rows_refused from table_import"
                        + " where id = :id and (user_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", caller.has(Role.ADMINISTRATOR) && caller.national())
                .query((rs, i) -> new TableImport(id, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        firstRefusedRows(id, 0, TableImport.SHOWN)))
                .optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "table.import.not-found", id));
    }

    @Override
    @Transactional(readOnly = true)
    public void writeRefusedRows(long id, TableRows.Format format, Locale locale, OutputStream out) throws IOException {
        try {
            writeRefusals(id, format, locale, out);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, String> columnLetters(long id) {
        try {
            Header found = header(id);
            List<String> keys = new ArrayList<>(found.columns().keySet());
            Map<String, Integer> names = names(keys.stream().map(key -> {
                List<String> headers = new ArrayList<>(found.columns().get(key));
                headers.add(key);
                return headers;
            }).toList());
            Map<String, String> letters = new HashMap<>();
            for (int i = 0; i < found.cells().size(); i++) {
                Integer column = column(names, CellValues.foldHeader(found.cells().get(i)));
                if (column != null) {
                    letters.putIfAbsent(keys.get(column), TableRows.columnLetter(i));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An import's header as its file had it, and its kind's columns by key with their headers in English and Chinese. */
    private record Header(List<String> cells, Map<String, List<String>> columns) {
    }

    /** The header of an import the caller may see. */
    private Header header(long id) throws SQLException {
        Caller caller = Caller.required();
        Map<String, Object> found = jdbc.sql("select header, columns::text as columns from table_import"
                        + " where id = :id and (user_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", caller.has(Role.ADMINISTRATOR) && caller.national())
                .query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "table.import.not-found", id));
        return new Header(List.of((String[]) ((java.sql.Array) found.get("header")).getArray()),
                json.readValue((String) found.get("columns"), new tools.jackson.core.type.TypeReference<Map<String, List<String>>>() {
                }));
    }

    private void writeRefusals(long id, TableRows.Format format, Locale locale, OutputStream out) throws IOException, SQLException {
        Header found = header(id);
        List<String> header = found.cells();
        Map<String, List<String>> headers = found.columns();
        int language = "zh".equals(locale.getLanguage()) ? 1 : 0;
        List<String> columns = new ArrayList<>(header);
        columns.add(messages.getMessage("import.column.problems", null, locale));
        try (TableWriter writer = TableWriter.of(format, out)) {
            writer.table(messages.getMessage("import.refused.sheet", null, locale), columns);
            jdbc.sql("""
                    select r.cells, array(select """ + RefusalReport.packed("p") + """
                                            from table_import_problem p where p.import_id = r.import_id and p.row_number = r.row_number
                                           order by p.column_key nulls last, p.code)
                      from table_import_refusal r where r.import_id = :id order by r.row_number""")
                    .param("id", id)
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> RefusalReport.row(writer, List.of((Object[]) rs.getArray(1).getArray()), header.size(),
                            (String[]) rs.getArray(2).getArray(), messages, locale,
                            column -> headers.getOrDefault(column, List.of(column, column)).get(language)));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
