package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import org.jingzhun.platform.Role;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The staged import in one transaction: the rows streamed into a temporary table {@code staged} with COPY (the values
 * by type, the original cells, the problems found in Java), then the problems in SQL, then the kind's write of the
 * accepted rows, then the refused rows kept as the import's report. Set-based from the COPY on, so that a large file
 * costs the database's time, not the heap's.
 */
@Service
class StagedImportRunner implements StagedImports {

    private static final String PROBLEM = "insert into table_import_problem (import_id, row_number, column_key, code,"
            + " message_key, args) ";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final MessageSource messages;
    private final JsonMapper json;

    StagedImportRunner(JdbcClient jdbc, DataSource dataSource, MessageSource messages, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.messages = messages;
        this.json = json;
    }

    @Override
    @Transactional
    public TableImport run(TableKind kind, String fileName, InputStream content, String charset, Mode mode) {
        Caller caller = Caller.required();
        MessageDigest sha = sha256();
        Staged staged = UploadedTable.streamed(new DigestInputStream(content, sha), charset, kind.limits(),
                (rows, read) -> stage(kind, rows));
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        long id = jdbc.sql("""
                insert into table_import (kind, user_id, user_login, file_name, checksum, mode, header, columns, rows_read,
                                          created_at)
                values (:kind, :user, :login, :name, :checksum, :mode, :header, :columns::jsonb, :rows, :now) returning id""")
                .param("kind", kind.name()).param("user", caller.userId()).param("login", caller.login())
                .param("name", name.length() > 255 ? name.substring(name.length() - 255) : name)
                .param("checksum", HexFormat.of().formatHex(sha.digest())).param("mode", mode.name())
                .param("header", staged.header().stream().map(CopyText::storable).toArray(String[]::new))
                .param("columns", json.writeValueAsString(kind.columns().stream()
                        .collect(java.util.stream.Collectors.toMap(TableColumn::key, c -> List.of(c.english(), c.chinese())))))
                .param("rows", staged.rows()).param("now", ChinaClock.now())
                .query(Long.class).single();
        jdbc.sql("analyze pg_temp.staged").update();
        jdbc.sql(PROBLEM + """
                select :id, s.row_number, nullif(p ->> 'column', ''), p ->> 'code', p ->> 'key', array(select jsonb_array_elements_text(p -> 'args'))
                  from pg_temp.staged s cross join lateral jsonb_array_elements(s.problems) p
                 where s.problems is not null""").param("id", id).update();
        String[] areas = caller.areas().stream().sorted().toArray(String[]::new);
        for (String check : kind.checks()) {
            Map<String, Object> parameters = new HashMap<>();
            if (check.contains(":areas")) {
                parameters.put("areas", areas);
            }
            jdbc.sql(PROBLEM + "select :id, c.* from (" + check + ") c").params(parameters).param("id", id).update();
        }
        int refused = jdbc.sql("select count(distinct row_number) from table_import_problem where import_id = :id")
                .param("id", id).query(Integer.class).single();
        int valid = staged.rows() - refused;
        int written = 0;
        if (mode == Mode.VALID_ROWS || refused == 0) {
            jdbc.sql("drop table if exists pg_temp.table_accepted").update(); // an import before in the same transaction
            jdbc.sql("""
                    create temp table table_accepted on commit drop as
                    select * from pg_temp.staged s
                     where not exists (select 1 from table_import_problem p where p.import_id = :id and p.row_number = s.row_number)""")
                    .param("id", id).update();
            written = kind.write().write("pg_temp.table_accepted");
        } else {
            valid = 0;
        }
        jdbc.sql("""
                insert into table_import_refusal (import_id, row_number, cells)
                select :id, s.row_number, s.cells from pg_temp.staged s
                 where exists (select 1 from table_import_problem p where p.import_id = :id and p.row_number = s.row_number)""")
                .param("id", id).update();
        jdbc.sql("update table_import set rows_valid = :valid, rows_written = :written, rows_refused = :refused where id = :id")
                .param("valid", valid).param("written", written).param("refused", refused).param("id", id).update();
        jdbc.sql("drop table pg_temp.staged").update();
        return new TableImport(id, kind.name(), staged.rows(), valid, written, refused, refusedRows(id, TableImport.SHOWN));
    }

    /** What staging gave: the header's cells and the number of rows staged. */
    private record Staged(List<String> header, int rows) {
    }

    /** Finds the header, then COPYs every row with its values and the problems Java finds in it. */
    private Staged stage(TableKind kind, TableRows rows) throws IOException, TableRows.UnreadableFile {
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
        int[] positions = positions(columns, header, names);
        createStaging(columns);
        List<Map<String, String>> codeNames = columns.stream().map(TableColumn::codeNames).toList();
        int count = 0;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "copy pg_temp.staged (row_number, "
                    + String.join(", ", columns.stream().map(TableColumn::sqlName).toList()) + ", cells, problems) from stdin", 1 << 16);
            try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
                StringBuilder line = new StringBuilder(256);
                List<String> cells;
                int replayed = 0;
                while ((cells = replayed < above.size() ? above.get(replayed) : rows.next()) != null) {
                    int rowNumber = replayed < above.size() ? aboveNumbers.get(replayed++) : rows.rowNumber();
                    if (TableRows.blank(cells) || TableTemplate.example(cells)) { // a template's example is no data
                        continue;
                    }
                    UploadedTable.tooMany(++count, kind.limits());
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
                    line.setLength(0);
                    line.append(rowNumber);
                    for (Object value : values.values()) {
                        line.append('\t');
                        CopyText.append(line, value);
                    }
                    line.append('\t');
                    CopyText.append(line, cells.stream().map(c -> c == null ? "" : CopyText.storable(c)).toList());
                    line.append('\t');
                    CopyText.append(line, problems.isEmpty() ? null : json.writeValueAsString(problems.stream()
                            .map(p -> Map.of("column", p.column() == null ? "" : p.column(), "code", p.code(), "key", p.key(),
                                    "args", p.args().stream().map(CopyText::storable).toList())).toList()));
                    line.append('\n');
                    out.append(line);
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
        return new Staged(header.stream().map(c -> c == null ? "" : c).toList(), count);
    }

    /** Which cell holds which column; refused when a required column is missing or one is there twice. */
    private static int[] positions(List<TableColumn> columns, List<String> header, Map<String, Integer> names) {
        int[] positions = new int[columns.size()];
        java.util.Arrays.fill(positions, -1);
        for (int i = 0; i < header.size(); i++) {
            Integer column = header.get(i) == null ? null : column(names, CellValues.foldHeader(header.get(i)));
            if (column == null) {
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

    private void createStaging(List<TableColumn> columns) {
        jdbc.sql("drop table if exists pg_temp.staged").update();
        jdbc.sql("create temp table staged (row_number integer primary key, "
                + String.join(", ", columns.stream().map(c -> c.sqlName() + " " + c.type().sql).toList())
                + ", cells text[] not null, problems jsonb) on commit drop").update();
    }

    private List<TableImport.RefusedRow> refusedRows(long id, int limit) {
        List<TableImport.RefusedRow> rows = new ArrayList<>();
        jdbc.sql("""
                select r.row_number, r.cells, p.column_key, p.code, p.message_key, p.args
                  from (select row_number, cells from table_import_refusal where import_id = :id order by row_number limit :limit) r
                  join table_import_problem p on p.import_id = :id and p.row_number = r.row_number
                 order by r.row_number, p.column_key nulls first, p.code""")
                .param("id", id).param("limit", limit)
                .query(rs -> {
                    int row = rs.getInt(1);
                    if (rows.isEmpty() || rows.getLast().rowNumber() != row) {
                        rows.add(new TableImport.RefusedRow(row, List.of((String[]) rs.getArray(2).getArray()), new ArrayList<>()));
                    }
                    String column = rs.getString(3);
                    rows.getLast().problems().add(new TableProblem(column == null || column.isEmpty() ? null : column,
                            rs.getString(4), rs.getString(5), List.of((String[]) rs.getArray(6).getArray())));
                });
        return rows.stream().map(r -> new TableImport.RefusedRow(r.rowNumber(), r.cells(), List.copyOf(r.problems()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public TableImport get(long id) {
        Caller caller = Caller.required();
        return jdbc.sql("select kind, rows_read, rows_valid, rows_written, rows_refused from table_import"
                        + " where id = :id and (user_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", caller.has(Role.ADMINISTRATOR) && caller.national())
                .query((rs, i) -> new TableImport(id, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        refusedRows(id, TableImport.SHOWN)))
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
                                           order by p.column_key nulls first, p.code)
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
