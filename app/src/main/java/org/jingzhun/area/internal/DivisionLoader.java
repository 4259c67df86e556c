package org.jingzhun.area.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.DivisionFileException;
import org.jingzhun.area.DivisionFileException.Problem;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.area.DivisionSource.DivisionFile;
import org.jingzhun.area.EditionReport;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.table.TableLimits;
import org.jingzhun.platform.table.TableRows;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads an edition through a staging table: the files are streamed into it with COPY, checked line by
 * line while streaming and as a whole in SQL (duplicates, unknown parents), then merged into {@code area}
 * in the same transaction, so a refused edition leaves nothing behind.
 */
@Service
class DivisionLoader implements DivisionLoading {

    /** Enough problems to fix a file in one go without flooding the user. */
    static final int MAX_PROBLEMS = 100;
    private static final Logger log = LoggerFactory.getLogger(DivisionLoader.class);
    /** A division file is a few columns of codes and names: anything wider or longer in a cell is no such file. */
    private static final TableLimits LIMITS = new TableLimits(1_000, 20, 0, 0, 0);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    DivisionLoader(DataSource dataSource, JdbcClient jdbc, AuditTrail audit) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional
    public EditionReport load(DivisionSource source) {
        long started = System.nanoTime();
        String checksum = source.checksum();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('area_edition'))").query().singleValue();
        jdbc.sql("drop table if exists pg_temp.area_staging").update();
        jdbc.sql("""
                create temp table area_staging (
                    code text collate "C", name text, parent_code text collate "C", level smallint, file text, line bigint
                ) on commit drop""").update();

        List<Problem> problems = stage(source);
        jdbc.sql("create index on area_staging (code)").update();
        jdbc.sql("analyze area_staging").update();
        if (problems.isEmpty()) {
            problems.addAll(duplicates());
            problems.addAll(unknownParents());
        }
        if (!problems.isEmpty()) {
            throw new DivisionFileException(problems);
        }

        Map<Integer, Integer> perLevel = jdbc.sql("select level, count(*)::int as n from area_staging group by level")
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int added = count("select count(*) from area_staging s where not exists (select 1 from area a where a.code = s.code)");
        int renamed = count("select count(*) from area_staging s join area a on a.code = s.code where a.name <> s.name");
        jdbc.sql("""
                insert into area (code, name, level, parent_code)
                select code, name, level, nullif(parent_code, '') from area_staging
                on conflict (code) do update
                   set name = excluded.name, parent_code = excluded.parent_code, retired_at = null
                 where area.name <> excluded.name
                    or area.parent_code is distinct from excluded.parent_code
                    or area.retired_at is not null""").update();
        int retired = jdbc.sql("""
                update area a set retired_at = now()
                 where a.retired_at is null and not exists (select 1 from area_staging s where s.code = a.code)""").update();
        recomputeSizes();
        jdbc.sql("select maintenance_analyze('area')").query().singleRow(); // the owner's ANALYZE (V22)

        EditionReport report = new EditionReport(source.location(),
                perLevel.getOrDefault(1, 0), perLevel.getOrDefault(2, 0), perLevel.getOrDefault(3, 0),
                perLevel.getOrDefault(4, 0), perLevel.getOrDefault(5, 0), added, renamed, retired,
                Duration.ofNanos(System.nanoTime() - started));
        long edition = jdbc.sql("""
                insert into area_edition (source, checksum, provinces, prefectures, counties, townships, villages,
                                          added, renamed, retired)
                values (:source, :checksum, :provinces, :prefectures, :counties, :townships, :villages,
                        :added, :renamed, :retired)
                returning id""")
                .param("source", report.source()).param("checksum", checksum)
                .param("provinces", report.provinces()).param("prefectures", report.prefectures())
                .param("counties", report.counties()).param("townships", report.townships())
                .param("villages", report.villages()).param("added", added).param("renamed", renamed)
                .param("retired", retired)
                .query(Long.class).single();
        audit.record("division-edition", Long.toString(edition), "load", null, report, null, "");
        log.info("Loaded division edition {}: {} areas ({} added, {} renamed, {} retired) in {} ms",
                source, report.total(), added, renamed, retired, report.took().toMillis());
        return report;
    }

    /** Streams the five files into the staging table, collecting the problems each line has on its own. */
    private List<Problem> stage(DivisionSource source) {
        List<Problem> problems = new ArrayList<>();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (DivisionFile file : DivisionFile.values()) {
                String fileName = source.fileName(file);
                try (Writer copy = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg,
                        "copy area_staging (code, name, parent_code, level, file, line) from stdin", 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    stageFile(source, file, fileName, copy, problems);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot stage the division files", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the division files at " + source, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return problems;
    }

    /**
     * One file through the platform's table reader, strictly as UTF-8: a file in another encoding (GBK from a
     * spreadsheet) is refused at its line, not loaded garbled.
     */
    private static void stageFile(DivisionSource source, DivisionFile file, String fileName, Writer copy,
                                  List<Problem> problems) throws IOException {
        TableRows rows = null;
        try {
            rows = TableRows.csv(source.open(file), StandardCharsets.UTF_8, LIMITS);
            stageRows(file, fileName, rows, copy, problems);
        } catch (TableRows.UnreadableFile e) {
            // The reader names the line of bad bytes and of a cell too long; anything else is at the next line.
            boolean encoding = e.key.endsWith(".bad-encoding");
            long line = e.args.length > 1 && e.args[1] instanceof Number number ? number.longValue()
                    : rows == null ? 1 : rows.rowNumber() + 1;
            problems.add(encoding ? new Problem(fileName, line, "encoding")
                    : new Problem(fileName, line, "unreadable", e.key));
        } catch (IOException e) {
            problems.add(new Problem(fileName, rows == null ? 1 : rows.rowNumber() + 1, "unreadable",
                    String.valueOf(e.getMessage())));
        } finally {
            if (rows != null) {
                rows.close();
            }
        }
    }

    private static void stageRows(DivisionFile file, String fileName, TableRows rows, Writer copy, List<Problem> problems)
            throws IOException, TableRows.UnreadableFile {
        List<String> header = rows.next();
        if (header == null || TableRows.blank(header)) {
            problems.add(new Problem(fileName, 1, "empty-file"));
            return;
        }
        header = header.stream().map(String::strip).toList();
        int codeColumn = header.indexOf("code");
        int nameColumn = header.indexOf("name");
        int parentColumn = file.parentColumn() == null ? -1 : header.indexOf(file.parentColumn());
        for (String required : new String[] {"code", "name", file.parentColumn()}) {
            if (required != null && !header.contains(required)) {
                problems.add(new Problem(fileName, 1, "missing-column", required));
            }
        }
        if (problems.size() >= MAX_PROBLEMS || codeColumn < 0 || nameColumn < 0 || (file.parentColumn() != null && parentColumn < 0)) {
            return;
        }
        AreaLevel level = file.level();
        List<String> fields;
        while ((fields = rows.next()) != null && problems.size() < MAX_PROBLEMS) {
            if (TableRows.blank(fields)) {
                continue;
            }
            long number = rows.rowNumber();
            if (fields.size() != header.size()) {
                problems.add(new Problem(fileName, number, "column-count", header.size(), fields.size()));
                continue;
            }
            String code = fields.get(codeColumn).strip();
            String name = fields.get(nameColumn).strip();
            String parent = parentColumn < 0 ? "" : fields.get(parentColumn).strip();
            if (!isCode(code, level.codeLength())) {
                problems.add(new Problem(fileName, number, "code-length", code, level.codeLength()));
                continue;
            }
            if (name.isEmpty()) {
                problems.add(new Problem(fileName, number, "missing-name", code));
                continue;
            }
            if (parentColumn >= 0 && !(isCode(parent, level.parent().codeLength()) && code.startsWith(parent))) {
                problems.add(new Problem(fileName, number, "parent-mismatch", code, parent));
                continue;
            }
            if (problems.isEmpty()) {
                copy.write(code + '\t' + escape(name) + '\t' + parent + '\t' + level.depth() + '\t'
                        + escape(fileName) + '\t' + number + '\n');
            }
        }
    }

    private static boolean isCode(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** COPY text format: backslash, tab and line breaks are escaped. */
    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private List<Problem> duplicates() {
        return jdbc.sql("""
                select file, line, code, first_file, first_line from (
                    select file, line, code,
                           row_number() over w as nth,
                           first_value(file) over w as first_file,
                           first_value(line) over w as first_line
                      from area_staging
                    window w as (partition by code order by level, line)) s
                 where nth > 1
                 order by file, line
                 limit :max""")
                .param("max", MAX_PROBLEMS)
                .query((rs, i) -> new Problem(rs.getString("file"), rs.getLong("line"), "duplicate-code",
                        rs.getString("code"), rs.getString("first_file"), rs.getLong("first_line")))
                .list();
    }

    private List<Problem> unknownParents() {
        return jdbc.sql("""
                select s.file, s.line, s.code, s.parent_code from area_staging s
                 where s.level > 1
                   and not exists (select 1 from area_staging p where p.code = s.parent_code and p.level = s.level - 1)
                 order by s.level, s.line
                 limit :max""")
                .param("max", MAX_PROBLEMS)
                .query((rs, i) -> new Problem(rs.getString("file"), rs.getLong("line"), "unknown-parent",
                        rs.getString("code"), rs.getString("parent_code")))
                .list();
    }

    /** The per-area counts are derived here and only here, after every change to {@code area}. */
    private void recomputeSizes() {
        jdbc.sql("delete from area_size").update();
        jdbc.sql("""
                insert into area_size (code, children, villages)
                with active as (select code, level, parent_code from area where retired_at is null),
                     children as (select coalesce(parent_code, '') as code, count(*)::int as n from active group by 1),
                     villages as (select left(v.code, l.len) as code, count(*)::int as n
                                    from active v cross join (values (0), (2), (4), (6), (9)) as l (len)
                                   where v.level = 5
                                   group by 1)
                select c.code, c.n, coalesce(v.n, 0) from children c left join villages v on v.code = c.code""").update();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
