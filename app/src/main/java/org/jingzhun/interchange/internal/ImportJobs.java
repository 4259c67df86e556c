package org.jingzhun.interchange.internal;

import org.jingzhun.platform.table.CellValues;
import org.jingzhun.platform.table.CopyText;
import org.jingzhun.platform.table.RefusalReport;
import org.jingzhun.platform.table.TableHeader;
import org.jingzhun.platform.table.TableLimits;
import org.jingzhun.platform.table.TableColumn;
import org.jingzhun.platform.table.TableRows;
import org.jingzhun.platform.table.TableTemplate;
import org.jingzhun.platform.table.TableWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jingzhun.interchange.FileFormat;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.ImportProblem;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Page;
import org.jingzhun.platform.Role;
import org.jingzhun.interchange.RefusedRow;
import org.jingzhun.job.JobContext;
import org.jingzhun.job.JobKind;
import org.jingzhun.job.JobResult;
import org.jingzhun.job.Jobs;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdEntries;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.Member;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.MessageSource;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import jobs: the upload kept in the data directory, the job queued with the job runner ({@link Jobs}, kind
 * {@code import}, run by this instance, which holds the upload), then in one of its workers the rows read and staged
 * with COPY, checked in Java (the registry's rules) and in SQL (scope, duplicates, the registry), and the households
 * without problems written in one transaction together with the job's result. The import's own details stay in
 * {@code import_job}, under the id of its job. A job cut short by a crash is marked interrupted by the runner at the
 * next start, one cut short by a lost database when the database is back; this kind then removes its staging and
 * upload. The registry is then as it was.
 */
@Service
class ImportJobs implements HouseholdImports, JobKind {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    /** The most rows one file may hold: a province's households go in several files. */
    static final int MAX_ROWS = 5_000_000;
    private static final int PROGRESS_EVERY = 5_000;
    /** What a job row is read with: everything but the header, which only the refused-rows report needs. */
    private static final String JOB_COLUMNS = "id, user_login, file_name, file_size, format, charset, mode, status,"
            + " bytes_read, rows_read, households, households_added, members_added, households_unchanged, rows_refused,"
            + " message_key, message_args, warnings, created_at, started_at, finished_at";
    private static final String UNFINISHED = "('QUEUED', 'READING', 'CHECKING', 'WRITING')";
    /** The name of the import's kind of job. */
    static final String KIND = "import";
    /** The key of the advisory lock that lets one import at a time write to the registry. */
    private static final long WRITING_LOCK = 0x4a5a_494d_504fL;
    /** Between the cells of a staged row: the unit separator, which no cell holds. */
    private static final String CELL_SEPARATOR = "\u001f";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Households households;
    private final HouseholdEntries entries;
    private final MessageSource messages;
    private final JsonMapper json;
    private final UploadFolder uploads;
    private final ImportFailpoints failpoints;
    private final Jobs jobs;
    /** The running jobs' contexts, by id: their progress and whether they are still on. */
    private final Map<Long, JobContext> contexts = new ConcurrentHashMap<>();
    /** The jobs this process accepted and has not ended: neither cut short nor swept at a recovery. */
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    /** Jobs cut short by a lost database, to be marked interrupted once it answers again. */
    private final Set<Long> toMarkInterrupted = ConcurrentHashMap.newKeySet();

    ImportJobs(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transaction, Households households,
               HouseholdEntries entries, MessageSource messages, JsonMapper json, UploadFolder uploads, ImportFailpoints failpoints,
               @Lazy Jobs jobs) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.households = households;
        this.entries = entries;
        this.messages = messages;
        this.json = json;
        this.uploads = uploads;
        this.failpoints = failpoints;
        this.jobs = jobs;
    }

    /**
     * At start (once the context is up, in the application as in the benchmarks' smaller contexts): what the last run
     * of this instance left unfinished was cut short.
     */
    @EventListener(ContextRefreshedEvent.class)
    void begin() {
        recover(uploads.instance());
    }

    /**
     * Marks interrupted the imports of an instance's uploads that were cut short (all its unfinished imports but those
     * this process accepted): their staging and upload go, the registry never saw them. Imports from before the queue
     * had no instance: they are cut short too. Their jobs are the runner's to mark, which it does at its start (before
     * its workers begin, so that they run only what this process accepted). Then removes the uploads no unfinished
     * import needs, such as those of a killed run.
     */
    void recover(String instance) {
        List<Long> cut = jdbc.sql("select id from import_job where status in " + UNFINISHED
                        + " and (instance_id = :instance or instance_id is null)")
                .param("instance", instance).query(Long.class).list();
        for (long id : cut) {
            if (!accepted.contains(id)) {
                interrupt(id);
                log.warn("Import {} was cut short by a stop of the system; nothing of it was written", id);
            }
        }
        Set<Path> kept = new java.util.HashSet<>();
        jdbc.sql("select upload_path from import_job where status in " + UNFINISHED + " and upload_path is not null")
                .query(String.class).list().forEach(path -> kept.add(Path.of(path).toAbsolutePath()));
        int swept = uploads.sweep(kept);
        if (swept > 0) {
            log.warn("Removed {} uploads left behind in {}", swept, uploads.directory());
        }
    }

    /**
     * Marks the jobs this process's workers run now as interrupted and stops them at their next step: for when the
     * database went away under them (nothing of them is entered: each writes in one transaction). When the database
     * does not answer, they are marked as soon as it does.
     */
    void interruptRunning() {
        jobs.interruptRunning(KIND);
    }

    @Override
    public String name() {
        return KIND;
    }

    /** The runner marked an import's job interrupted: its import is marked too, its staging and upload go. */
    @Override
    public void interrupted(long id) {
        toMarkInterrupted.add(id);
        markLostJobsInterrupted();
    }

    @Override
    public String page(long id) {
        return "/imports/" + id;
    }

    /** Marks the jobs cut short by a lost database, once it answers; those it cannot mark yet wait for the next try. */
    private void markLostJobsInterrupted() {
        for (long id : List.copyOf(toMarkInterrupted)) {
            try {
                interrupt(id);
                toMarkInterrupted.remove(id);
                log.warn("Import {} was cut short by a lost database; nothing of it was written", id);
            } catch (RuntimeException e) {
                return; // the database is still away; the next look at the queue tries again
            }
        }
    }

    /** Marks one unfinished job interrupted, its staging and upload gone. */
    private void interrupt(long id) {
        String upload = jdbc.sql("select upload_path from import_job where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        jdbc.sql("delete from import_row where job_id = :id").param("id", id).update();
        jdbc.sql("delete from import_problem where job_id = :id").param("id", id).update();
        uploads.delete(upload);
        jdbc.sql("update import_job set status = 'INTERRUPTED', finished_at = now(), message_key = 'import.interrupted',"
                + " upload_path = null where id = :id and status in " + UNFINISHED).param("id", id).update();
        if (accepted.remove(id)) {
            failpoints.ended(id);
        }
    }

    @Override
    public ImportJob start(String fileName, InputStream content, ImportJob.Mode mode, String charset) throws IOException {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY);
        String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName.strip()).getFileName().toString();
        name = name.length() > 255 ? name.substring(name.length() - 255) : name;
        String chosen = charset == null || charset.isBlank() ? "AUTO" : charset.strip().toUpperCase(Locale.ROOT);
        if (!List.of("AUTO", "UTF-8", "GB18030").contains(chosen)) {
            throw invalid("charset", "unknown", "import.charset.unknown", chosen);
        }
        if (mode == null) {
            throw invalid("mode", "required", "import.mode.required");
        }
        Path upload = uploads.newUpload();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            // Into the file as made (owner only): Files.copy would replace it by one with the default mode.
            try (InputStream in = new DigestInputStream(content, sha);
                 OutputStream out = Files.newOutputStream(upload, java.nio.file.StandardOpenOption.WRITE,
                         java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                size = in.transferTo(out);
            }
            TableRows.Format format;
            try {
                format = TableRows.formatOf(upload);
            } catch (TableRows.UnreadableFile e) {
                throw invalid("file", e.key.substring("import.file.".length()), e.key, e.args);
            }
            String stored = chosen.equals("AUTO") || format == TableRows.Format.XLSX ? null : chosen;
            String checksum = HexFormat.of().formatHex(sha.digest());
            String named = name;
            // The job and the import's details in one transaction: a worker sees the job once both are there.
            long id = transaction.execute(status -> jdbc.sql("""
                    insert into import_job (id, user_id, user_login, file_name, file_size, checksum, format, charset, mode,
                                            upload_path, area_code, uploader_roles, uploader_areas, instance_id)
                    values (:id, :user, :login, :name, :size, :checksum, :format, :charset, :mode, :path,
                            (select area_code from job_state where id = :id), :roles, :areas, :instance) returning id""")
                    .param("id", jobs.submit(KIND, "", true)).param("user", caller.userId())
                    .param("login", caller.login()).param("name", named).param("size", size)
                    .param("checksum", checksum).param("format", format.name())
                    .param("charset", stored).param("mode", mode.name()).param("path", upload.toString())
                    .param("roles", caller.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                    .param("areas", caller.areas().stream().sorted().toArray(String[]::new))
                    .param("instance", uploads.instance())
                    .query(Long.class).single());
            accepted.add(id);
            return get(id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
    }

    @Override
    public ImportJob get(long id) {
        Caller caller = Caller.required();
        return jdbc.sql("select " + JOB_COLUMNS + " from import_job where id = :id and (user_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", seesAll(caller))
                .query((rs, i) -> job(rs)).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "import.not-found", id));
    }

    @Override
    public List<ImportJob> recent() {
        Caller caller = Caller.required();
        return jdbc.sql("select " + JOB_COLUMNS + " from import_job where user_id = :user or :all order by id desc limit 50")
                .param("user", caller.userId()).param("all", seesAll(caller)).query((rs, i) -> job(rs)).list();
    }

    /** A national administrator may follow everyone's imports; anyone else only their own. */
    private static boolean seesAll(Caller caller) {
        return caller.has(Role.ADMINISTRATOR) && caller.national();
    }

    @Override
    public Page<ImportProblem> problems(long id, int page, int size) {
        Page.check(page, size);
        get(id);
        long total = jdbc.sql("select count(*) from import_problem where job_id = :id").param("id", id)
                .query(Long.class).single();
        List<ImportProblem> items = jdbc.sql("""
                select row_number, column_key, code, message_key, args from import_problem where job_id = :id
                 order by row_number, column_key nulls last, code limit :size offset :offset""")
                .param("id", id).param("size", size).param("offset", Page.offset(page, size))
                .query((rs, i) -> problem(rs, 1)).list();
        return new Page<>(items, page, size, total);
    }

    @Override
    public Page<RefusedRow> refusedRows(long id, int page, int size) {
        Page.check(page, size);
        get(id);
        long total = jdbc.sql("select count(*) from import_refused_row where job_id = :id").param("id", id)
                .query(Long.class).single();
        List<RefusedRow> items = new ArrayList<>();
        jdbc.sql("""
                select r.row_number, r.cells, p.row_number, p.column_key, p.code, p.message_key, p.args
                  from (select row_number, cells from import_refused_row where job_id = :id
                         order by row_number limit :size offset :offset) r
                  left join import_problem p on p.job_id = :id and p.row_number = r.row_number
                 order by r.row_number, p.column_key nulls last, p.code""")
                .param("id", id).param("size", size).param("offset", Page.offset(page, size))
                .query(rs -> {
                    int row = rs.getInt(1);
                    if (items.isEmpty() || items.getLast().rowNumber() != row) {
                        items.add(new RefusedRow(row, List.of(rs.getString(2).split(CELL_SEPARATOR, -1)), new ArrayList<>()));
                    }
                    if (rs.getString(6) != null) {
                        items.getLast().problems().add(problem(rs, 3));
                    }
                });
        return new Page<>(items.stream().map(r -> new RefusedRow(r.rowNumber(), r.cells(), List.copyOf(r.problems()))).toList(),
                page, size, total);
    }

    /** A problem read from the columns row number, column, code, message key and arguments, from the one given on. */
    private static ImportProblem problem(ResultSet rs, int first) throws SQLException {
        return new ImportProblem(rs.getInt(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                List.of((String[]) rs.getArray(first + 4).getArray()));
    }

    @Override
    public void writeRefusedRows(long id, FileFormat format, Locale locale, OutputStream out) throws IOException {
        ImportJob job = get(id);
        List<String> header = new ArrayList<>(jdbc.sql("select header from import_job where id = :id").param("id", id)
                .query((rs, i) -> rs.getArray(1) == null ? List.<String>of() : List.of((String[]) rs.getArray(1).getArray()))
                .single());
        header.add(messages.getMessage("import.column.problems", null, locale));
        try (TableWriter writer = TableWriter.of(TableRows.Format.valueOf(format.name()), out)) {
            writer.table(messages.getMessage("import.refused.sheet", null, locale), header);
            int width = header.size() - 1;
            jdbc.sql("""
                    select r.cells, array(select """ + RefusalReport.packed("p") + """
                                            from import_problem p where p.job_id = r.job_id and p.row_number = r.row_number
                                           order by p.column_key nulls last)
                      from import_refused_row r where r.job_id = :id order by r.row_number""")
                    .param("id", job.id())
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> RefusalReport.row(writer, List.of((Object[]) rs.getString(1).split(CELL_SEPARATOR, -1)), width,
                            (String[]) rs.getArray(2).getArray(), messages, locale,
                            column -> messages.getMessage("import.column." + column, null, column, locale)));
        }
    }

    @Override
    public void writeTemplate(FileFormat format, Locale locale, OutputStream out) throws IOException {
        if (format == FileFormat.XLSX) {
            // The platform's template: ID and account columns as text, drop-downs on the coded columns, an example row.
            List<List<String>> help = new ArrayList<>();
            help.add(List.of(messages.getMessage("import.template.column", null, locale),
                    messages.getMessage("import.template.required", null, locale),
                    messages.getMessage("import.template.meaning", null, locale),
                    messages.getMessage("import.template.codes", null, locale)));
            List<TableColumn> columns = templateColumns(locale);
            for (int i = 0; i < columns.size(); i++) {
                HouseholdColumn column = HouseholdColumn.values()[i];
                help.add(List.of(columns.get(i).header(locale),
                        messages.getMessage(column.required ? "import.template.yes" : "import.template.no", null, locale),
                        column.help(messages, locale), String.join("\n", columns.get(i).codes().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " = " + e.getValue().getFirst()).toList())));
            }
            TableTemplate.write(out, messages.getMessage("import.template.sheet", null, locale), columns, locale,
                    TEMPLATE_EXAMPLE, messages.getMessage("import.template.help-sheet", null, locale), help);
            return;
        }
        try (TableWriter writer = TableWriter.of(TableRows.Format.valueOf(format.name()), out)) {
            List<String> header = new ArrayList<>();
            for (HouseholdColumn column : HouseholdColumn.values()) {
                header.add(column.header(messages, locale));
            }
            writer.table(messages.getMessage("import.template.sheet", null, locale), header);
        }
    }

    /** The example row of the household template (the first column holds the mark that makes it an example). */
    private static final Map<String, String> TEMPLATE_EXAMPLE = Map.ofEntries(Map.entry("villageCode", "530102001001"),
            Map.entry("groupName", "一组"), Map.entry("address", "一组 12 号"), Map.entry("phone", "13800000000"),
            Map.entry("category", "GENERAL"), Map.entry("mainCause", "ILLNESS"), Map.entry("housingGrade", "B"),
            Map.entry("safeWater", "是"), Map.entry("bankAccount", "6217000000000000000"),
            Map.entry("registeredYear", "2024"), Map.entry("incomeYear", "2024"), Map.entry("income", "3200.00"),
            Map.entry("name", "张三"), Map.entry("relation", "HEAD"), Map.entry("sex", "FEMALE"),
            Map.entry("birthDate", "1949-12-31"), Map.entry("ethnicity", "汉族"), Map.entry("health", "HEALTHY"));

    /** The household columns as the platform's column specification, for its template. */
    private List<TableColumn> templateColumns(Locale locale) {
        Map<HouseholdColumn, List<String>> codes = codes();
        List<TableColumn> columns = new ArrayList<>();
        for (HouseholdColumn column : HouseholdColumn.values()) {
            String header = column.header(messages, locale);
            Map<String, List<String>> listed = new java.util.LinkedHashMap<>();
            if (column == HouseholdColumn.MAIN_CAUSE) {
                households.causes().forEach(c -> listed.put(c.code(), List.of(c.name(locale))));
            } else if (codes.containsKey(column)) {
                codes.get(column).forEach(code -> listed.put(code,
                        List.of(messages.getMessage(column.labels + code, null, code, locale))));
            }
            columns.add(switch (column) {
                case ID_NUMBER -> TableColumn.residentId(column.key, header, header, column.required);
                case REGISTERED_YEAR, INCOME_YEAR, DISABILITY_GRADE, MIGRANT_MONTHS -> TableColumn.integer(column.key, header, header, column.required);
                case INCOME -> TableColumn.decimal(column.key, header, header, column.required);
                case BIRTH_DATE -> TableColumn.date(column.key, header, header, column.required);
                default -> listed.isEmpty() ? TableColumn.text(column.key, header, header, column.required, 2000)
                        : TableColumn.code(column.key, header, header, column.required, listed);
            });
        }
        return columns;
    }

    /** The code lists of the coded columns, as the registry defines them. */
    private static Map<HouseholdColumn, List<String>> codes() {
        Map<HouseholdColumn, List<String>> codes = new EnumMap<>(HouseholdColumn.class);
        codes.put(HouseholdColumn.CATEGORY, names(Household.Category.values()));
        codes.put(HouseholdColumn.HOUSING_GRADE, Household.HOUSING_GRADES);
        codes.put(HouseholdColumn.RELATION, names(Member.Relation.values()));
        codes.put(HouseholdColumn.SEX, names(org.jingzhun.registry.ResidentId.Sex.values()));
        codes.put(HouseholdColumn.EDUCATION, Member.EDUCATION);
        codes.put(HouseholdColumn.SCHOOLING, Member.SCHOOLING);
        codes.put(HouseholdColumn.HEALTH, names(Member.Health.values()));
        codes.put(HouseholdColumn.WORK_ABILITY, Member.WORK_ABILITY);
        return codes;
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    // ---------------------------------------------------------------- the job itself

    /** A file refused whole (its header, its size): the job stops before anything is checked. */
    private static final class Refusal extends Exception {
        final String key;
        final Object[] args;

        Refusal(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }
    }

    /**
     * Runs an import's job, which a worker of the runner claimed, as its uploader (with the roles and areas they had at
     * upload) to its end, within the worker's memory budget.
     */
    @Override
    public JobResult run(JobContext context) throws Exception {
        long id = context.id();
        WorkerBudget.assign(context.memoryBudget());
        contexts.put(id, context);
        try {
            return runClaimed(id);
        } finally {
            contexts.remove(id);
        }
    }

    /** Runs a claimed import: its result, a refusal of the file as a result too; a failure or interruption thrown. */
    private JobResult runClaimed(long id) throws Exception {
        String upload = null;
        try {
            if (jdbc.sql("update import_job set status = 'READING', started_at = now() where id = :id and status = 'QUEUED'")
                    .param("id", id).update() == 0) {
                throw new InterruptedException("Import " + id + " was stopped before it started");
            }
            upload = jdbc.sql("select upload_path from import_job where id = :id").param("id", id)
                    .query(String.class).optional().orElse(null);
            if (upload == null) {
                throw new IllegalStateException("The upload of import " + id + " is gone");
            }
            run(id, Path.of(upload));
            ImportJob done = get(id);
            return new JobResult("import.job.done", List.of(Integer.toString(done.householdsAdded()),
                    Integer.toString(done.rowsRefused())));
        } catch (Refusal e) {
            finish(id, "REFUSED", e.key, e.args);
            return new JobResult(e.key, java.util.Arrays.stream(e.args).map(String::valueOf).toList());
        } catch (Exception | Error e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException || databaseLost(e)) {
                // Stopped from outside or the database went away: interrupted, as a stop of the system would leave it.
                log.warn("Import {} was cut short: {}", id, e.toString());
                toMarkInterrupted.add(id);
                markLostJobsInterrupted();
                throw e instanceof InterruptedException interrupted ? interrupted : new InterruptedException(e.toString());
            }
            log.error("Import {} failed", id, e);
            finish(id, "FAILED", "import.failed", e.getClass().getSimpleName());
            throw new DomainException(DomainException.Kind.INVALID, "import.failed", e.getClass().getSimpleName());
        } finally {
            try {
                uploads.delete(upload);
                jdbc.sql("update import_job set upload_path = null where id = :id").param("id", id).update();
                jdbc.sql("delete from import_row where job_id = :id").param("id", id).update();
            } catch (RuntimeException e) {
                toMarkInterrupted.add(id); // the database is away: the job is marked and its staging goes when it is back
            } finally {
                accepted.remove(id);
                failpoints.ended(id);
            }
        }
    }

    /** Whether the failure is the database gone (connection lost, server shut down), not something of the file. */
    private static boolean databaseLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Records how a job stopped, unless it was marked stopped already (interrupted while it ran). */
    private void finish(long id, String status, String key, Object... args) {
        jdbc.sql("""
                update import_job set status = :status, message_key = :key, message_args = :args, finished_at = now()
                 where id = :id and status in """ + UNFINISHED)
                .param("status", status).param("key", key)
                .param("args", java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new))
                .param("id", id).update();
    }

    private void run(long id, Path upload) throws Exception {
        ImportJob job = get(id);
        failpoints.reach(ImportFailpoints.Point.STARTED, job);
        TableRows.Format format = TableRows.Format.valueOf(job.format().name());
        Charset charset = format == TableRows.Format.XLSX ? null
                : job.charset() == null ? TableRows.detectCharset(upload) : Charset.forName(job.charset());
        if (charset != null) {
            jdbc.sql("update import_job set charset = :charset where id = :id").param("charset", charset.name()).param("id", id).update();
        }
        try (TableRows rows = TableRows.open(upload, format, charset)) {
            stage(id, rows);
        } catch (TableRows.UnreadableFile e) {
            throw new Refusal(e.key, e.args);
        }
        failpoints.reach(ImportFailpoints.Point.STAGED, job);
        stillOn(id, "CHECKING");
        jdbc.sql("select maintenance_analyze('import_row')").query().singleRow(); // the owner's ANALYZE (V22)
        check(id);
        failpoints.reach(ImportFailpoints.Point.CHECKED, job);
        stillOn(id, "WRITING");
        transaction.executeWithoutResult(status -> write(job));
    }

    /** Moves the job to its next step; stops it when it was marked interrupted meanwhile, or its worker was. */
    private void stillOn(long id, String step) throws InterruptedException {
        JobContext context = contexts.get(id);
        if (context != null) {
            if (!context.stillOn()) {
                throw new InterruptedException("Import " + id + " was stopped");
            }
            context.progress("import.status." + step, step.equals("CHECKING") ? 0.8 : 0.9);
        }
        if (Thread.currentThread().isInterrupted()
                || jdbc.sql("update import_job set status = :step where id = :id and status in " + UNFINISHED)
                           .param("step", step).param("id", id).update() == 0) {
            throw new InterruptedException("Import " + id + " was stopped");
        }
    }

    /** Reads the header and every row into the staging table, each with the problems Java finds in it. */
    private void stage(long id, TableRows rows) throws Exception {
        // The header is the first row naming three known columns: registers often have a title row or two above it.
        Map<String, HouseholdColumn> names = headerNames();
        TableHeader found = TableHeader.find(rows, names::containsKey, 3);
        List<String> header = found.firstRow();
        if (header == null) {
            throw new Refusal("import.file.no-rows");
        }
        int headerRow = found.firstRowNumber();
        Map<HouseholdColumn, Integer> positions = columns(id, header, names, found.cellsBeyond());
        jdbc.sql("update import_job set header = :header where id = :id")
                .param("header", header.stream().map(StagedValues::storable).toArray(String[]::new)).param("id", id).update();
        RowReading reading = new RowReading(positions, messages, households.causes(), codes());
        StagedValues staged = new StagedValues();
        int count = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "copy import_row (job_id, row_number, " + RowReading.STAGED_COLUMNS + ", cells, problems) from stdin", 1 << 20);
            try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 20)) {
                StringBuilder line = new StringBuilder(512);
                List<String> cells;
                while ((cells = rows.next()) != null) {
                    if (TableRows.blank(cells) || TableTemplate.example(cells)) { // a template's example is no data
                        continue;
                    }
                    if (++count > MAX_ROWS) {
                        throw new Refusal("import.file.too-many-rows", MAX_ROWS);
                    }
                    RowReading.Read read = staged.fit(reading.read(cells));
                    line.setLength(0);
                    line.append(id).append('\t').append(rows.rowNumber());
                    for (Object value : read.values()) {
                        line.append('\t');
                        CopyText.append(line, value);
                    }
                    line.append('\t');
                    CopyText.append(line, StagedValues.storable(String.join(CELL_SEPARATOR, cells)));
                    line.append('\t');
                    CopyText.append(line, read.problems().isEmpty() ? null : json.writeValueAsString(read.problems()));
                    line.append('\n');
                    out.append(line);
                    if (count % PROGRESS_EVERY == 0) {
                        progress(id, rows, count);
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("The system is stopping");
                        }
                    }
                }
            } catch (Exception | Error e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        }
        if (count == 0) {
            throw new Refusal("import.file.no-rows");
        }
        progress(id, rows, count);
        jdbc.sql("update import_job set bytes_read = file_size where id = :id and format = 'CSV'").param("id", id).update();
        log.info("Import {}: {} rows staged (header on row {})", id, count, headerRow);
    }

    private void progress(long id, TableRows rows, int count) {
        double share = rows.progress();
        jdbc.sql("update import_job set rows_read = :rows, bytes_read = case when :share < 0 then bytes_read else (file_size * :share)::bigint end where id = :id")
                .param("rows", count).param("share", share).param("id", id).update();
        JobContext context = contexts.get(id);
        if (context != null && share >= 0) {
            context.progress("import.status.READING", 0.8 * share);
        }
    }

    /** Which file column holds which household column; refused when a required one is missing or one is there twice. */
    private Map<HouseholdColumn, Integer> columns(long id, List<String> header, Map<String, HouseholdColumn> names, int beyond)
            throws Refusal {
        java.util.Set<String> ignored = new java.util.HashSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            ignored.add(fold(messages.getMessage("import.column.problems", null, locale)));
            // An export's last column repeats the reference, which the household column gives an import.
            ignored.add(fold(messages.getMessage(HouseholdExport.EXTERNAL_REF, null, locale)));
        }
        Map<HouseholdColumn, Integer> positions = new EnumMap<>(HouseholdColumn.class);
        List<ImportJob.Warning> warnings = new ArrayList<>();
        IgnoredColumns unknown = new IgnoredColumns();
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i) == null ? "" : header.get(i);
            if (text.isBlank() || ignored.contains(fold(text))) {
                continue;
            }
            HouseholdColumn column = names.get(fold(text));
            if (column == null) {
                unknown.add(abbreviated(text.strip()), columnLetter(i));
            } else if (positions.putIfAbsent(column, i) != null) {
                throw new Refusal("import.column.twice", text.strip(), columnLetter(positions.get(column)), columnLetter(i));
            }
        }
        List<String> missing = java.util.Arrays.stream(HouseholdColumn.values())
                .filter(c -> c.required && !positions.containsKey(c)).map(c -> c.key).toList();
        if (!missing.isEmpty()) {
            throw new Refusal("import.column.missing", String.join(", ", missing));
        }
        unknown.warning(beyond).ifPresent(warnings::add);
        jdbc.sql("update import_job set warnings = :warnings::jsonb where id = :id")
                .param("warnings", json.writeValueAsString(warnings)).param("id", id).update();
        return positions;
    }

    /** A header as a warning names it: at most 100 characters. */
    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }

    /** The headers a column is known by: its key and its header in each language, folded. */
    private Map<String, HouseholdColumn> headerNames() {
        Map<String, HouseholdColumn> names = new LinkedHashMap<>();
        for (HouseholdColumn column : HouseholdColumn.values()) {
            names.put(fold(column.key), column);
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                names.put(fold(column.header(messages, locale)), column);
            }
        }
        return names;
    }

    /** A header as compared: as every table import compares it (without spaces, marks of required columns, case). */
    private static String fold(String header) {
        return CellValues.foldHeader(header);
    }

    /** A column's letters as spreadsheets show them: A, B, ..., Z, AA. */
    static String columnLetter(int index) {
        return org.jingzhun.platform.table.TableRows.columnLetter(index);
    }

    // ---------------------------------------------------------------- checks in SQL

    private static final String PROBLEM = "insert into import_problem (job_id, row_number, column_key, code, message_key, args) ";

    /** The checks that need the whole file or the database; each finding is a problem of a row. */
    private void check(long id) {
        Caller caller = Caller.required();
        long started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select r.job_id, r.row_number, p ->> 'column', p ->> 'code', p ->> 'key',
                       array(select jsonb_array_elements_text(p -> 'args'))
                  from import_row r cross join lateral jsonb_array_elements(r.problems) p
                 where r.job_id = :job and r.problems is not null""").param("job", id).update();
        took(id, "java-problems", started);
        started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select :job, min(row_number), 'relation',
                       case when count(*) filter (where relation = 'HEAD') = 0 then 'no-head' else 'several-heads' end,
                       'household.members.one-head', array[(count(*) filter (where relation = 'HEAD'))::text]
                  from import_row where job_id = :job and household_key is not null
                 group by household_key having count(*) filter (where relation = 'HEAD') <> 1""").param("job", id).update();
        took(id, "heads", started);
        Caller.Restriction scope = caller.restrict("h.village_code");
        started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select h.job_id, h.row_number, 'villageCode', 'unknown', 'household.village.unknown', array[h.village_code]
                  from import_row h left join area a on a.code = h.village_code and a.level = 5 and a.retired_at is null
                 where h.job_id = :job and h.relation = 'HEAD' and h.village_code is not null
                   and (a.code is null or not (""" + scope.sql() + "))")
                .params(scope.parameters()).param("job", id).update();
        took(id, "villages", started);
        // One pass finds the rows where some household column differs from the head's; only those few are then
        // taken apart column by column.
        List<String> differences = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (HouseholdColumn column : HouseholdColumn.OF_HOUSEHOLD) {
            if (column != HouseholdColumn.HOUSEHOLD) {
                String name = column.staged();
                differences.add("(r." + name + " is not null and r." + name + " is distinct from h." + name + ")");
                compared.add(differences.getLast() + " as " + name);
                named.add("('" + column.key + "', d." + name + ")");
            }
        }
        started = System.nanoTime();
        jdbc.sql(PROBLEM + "select d.job_id, d.row_number, c.column_key, 'differs-from-head', 'import.household.differs',"
                + " array[d.head_row::text]"
                + " from (select r.job_id, r.row_number, h.row_number as head_row, " + String.join(", ", compared)
                + "         from import_row r join import_row h on h.job_id = r.job_id and h.household_key = r.household_key"
                + "                                               and h.relation = 'HEAD'"
                + "        where r.job_id = :job and r.relation is distinct from 'HEAD'"
                + "          and (" + String.join(" or ", differences) + ")) d"
                + " cross join lateral (values " + String.join(", ", named) + ") c (column_key, differs)"
                + " where c.differs").param("job", id).update();
        took(id, "differing-columns", started);
        started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select r.job_id, r.row_number, 'idNumber', 'twice-in-file', 'import.id.twice-in-file', array[d.rows]
                  from import_row r
                  join (select id_number, string_agg(row_number::text, ', ' order by row_number) as rows
                          from import_row where job_id = :job and id_number is not null
                         group by id_number having count(*) > 1) d on d.id_number = r.id_number
                 where r.job_id = :job""").param("job", id).update();
        took(id, "twice-in-file", started);
        // A household registered already at the same village with exactly these people is the same upload again:
        // left as it is.
        started = System.nanoTime();
        jdbc.sql("""
                with file_household as (
                         select household_key, count(*) as people, max(village_code) filter (where relation = 'HEAD') as village
                           from import_row where job_id = :job group by household_key),
                     found as (
                         select r.household_key, m.household_id, count(*) as people
                           from import_row r join registry_member m on m.id_number = r.id_number
                          where r.job_id = :job group by r.household_key, m.household_id),
                     same as (
                         select f.household_key from file_household f
                           join found g on g.household_key = f.household_key and g.people = f.people
                           join registry_household h on h.id = g.household_id and h.village_code = f.village
                          where (select count(*) from registry_member x where x.household_id = g.household_id) = f.people)
                update import_row r set unchanged = true from same s
                 where r.job_id = :job and r.household_key = s.household_key""").param("job", id).update();
        took(id, "unchanged", started);
        registeredAlready(id, caller);
    }

    /**
     * The people registered already (unless their household is the same one again), and the other rows of every
     * household with a refused row. Run with the checks, and again by the writing transaction under the writing lock,
     * for people another import entered meanwhile; so each finding is added once.
     */
    private void registeredAlready(long id, Caller caller) {
        // The household a person is registered in is named as the pages show it (head, masked ID number, village).
        Caller.Restriction memberScope = caller.restrict("m.village_code");
        long started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select r.job_id, r.row_number, 'idNumber', 'registered',
                       case when (""" + memberScope.sql() + """
                             ) then 'member.id.registered-with' else 'member.id.registered-elsewhere' end,
                       case when (""" + memberScope.sql() + """
                             ) then array[left(r.id_number, 6) || '********' || right(r.id_number, 4), coalesce(head.name, ''),
                                        coalesce(left(head.id_number, 6) || '********' || right(head.id_number, 4), ''),
                                        coalesce(a.name, m.village_code)]
                            else array[left(r.id_number, 6) || '********' || right(r.id_number, 4)] end
                  from import_row r join registry_member m on m.id_number = r.id_number left join area a on a.code = m.village_code
                  left join registry_member head on head.household_id = m.household_id and head.relation = 'HEAD'
                 where r.job_id = :job and not r.unchanged
                   and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = r.row_number
                                                                    and p.code = 'registered')""")
                .params(memberScope.parameters()).param("job", id).update();
        took(id, "registered", started);
        // The file's household number becomes the household's reference, unique within its county: one another household
        // of the county holds already refuses the household (the same household again is left as it is, above).
        started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select r.job_id, r.row_number, 'household', 'reference-registered', 'import.household.reference-registered',
                       array[r.household_key]
                  from import_row r
                 where r.job_id = :job and r.relation = 'HEAD' and not r.unchanged
                   and exists (select 1 from registry_household x where x.external_ref = r.household_key
                                                          and x.county_code = left(r.village_code, 6))
                   and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = r.row_number
                                                                    and p.code = 'reference-registered')""")
                .param("job", id).update();
        took(id, "reference-registered", started);
        // A household goes in whole or not at all: its other rows are refused with it, naming the first bad row.
        started = System.nanoTime();
        jdbc.sql(PROBLEM + """
                select r.job_id, r.row_number, null, 'household-refused', 'import.household.refused', array[b.first_row::text]
                  from import_row r
                  join (select s.household_key, min(p.row_number) as first_row
                          from import_problem p join import_row s on s.job_id = p.job_id and s.row_number = p.row_number
                         where p.job_id = :job group by s.household_key) b on b.household_key = r.household_key
                 where r.job_id = :job
                   and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = r.row_number)""")
                .param("job", id).update();
        took(id, "household-refused", started);
    }

    /** Logs how long a step of an import took: where the time of a large import goes. */
    private static void took(long id, String step, long started) {
        log.info("Import {}: {} in {} ms", id, step, (System.nanoTime() - started) / 1_000_000);
    }

    // ---------------------------------------------------------------- writing

    /** In one transaction: the accepted households, their members and incomes, their audit, the refused rows, the result. */
    private void write(ImportJob job) {
        long id = job.id();
        // Imports run side by side but write one at a time, each first finding the people the others entered since its
        // checks: two files holding one person then refuse the second's row instead of failing its whole job.
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", WRITING_LOCK).query().singleRow();
        registeredAlready(id, Caller.required());
        int refused = jdbc.sql("select count(distinct row_number) from import_problem where job_id = :job")
                .param("job", id).query(Integer.class).single();
        int fileHouseholds = jdbc.sql("select count(distinct household_key) from import_row where job_id = :job")
                .param("job", id).query(Integer.class).single();
        int unchanged = jdbc.sql("select count(distinct household_key) from import_row where job_id = :job and unchanged")
                .param("job", id).query(Integer.class).single();
        int added = 0;
        int members = 0;
        long started = System.nanoTime();
        if (job.mode() == ImportJob.Mode.VALID_ROWS || refused == 0) {
            // The households without problems go to the registry's bulk entry, which writes them under its rules.
            entries.stage();
            jdbc.sql("""
                    insert into pg_temp.entry_household (household_key, village_code, group_name, address, phone, category,
                                                         main_cause, other_causes, housing_grade, safe_water, production,
                                                         bank_account, registered_year, external_ref)
                    select h.household_key, h.village_code, h.group_name, h.address, h.phone, h.category, h.main_cause,
                           coalesce(h.other_causes, '{}'), h.housing_grade, h.safe_water, h.production, h.bank_account,
                           h.registered_year, h.household_key
                      from import_row h
                     where h.job_id = :job and h.relation = 'HEAD' and not h.unchanged
                       and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = h.row_number)
                     order by h.row_number""")
                    .param("job", id).update();
            jdbc.sql("""
                    insert into pg_temp.entry_member (household_key, position, name, id_number, relation, sex, birth_date,
                                                      ethnicity, education, schooling, health, disability_grade, work_ability,
                                                      skills, migrant_place, migrant_months)
                    select r.household_key, r.row_number, r.name, r.id_number, r.relation, r.sex, r.birth_date, r.ethnicity,
                           r.education, r.schooling, r.health, r.disability_grade, r.work_ability, r.skills, r.migrant_place,
                           r.migrant_months
                      from pg_temp.entry_household h join import_row r on r.job_id = :job and r.household_key = h.household_key""")
                    .param("job", id).update();
            jdbc.sql("""
                    insert into pg_temp.entry_income (household_key, year, amount)
                    select h.household_key, h.income_year, h.income
                      from import_row h
                     where h.job_id = :job and h.relation = 'HEAD' and not h.unchanged and h.income_year is not null
                       and h.income is not null
                       and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = h.row_number)""")
                    .param("job", id).update();
            took(id, "households-chosen", started);
            HouseholdEntries.Entered entered = entries.enter("import", "import " + id + ": " + job.fileName(), true,
                    "Import " + id);
            added = entered.households();
            members = entered.members();
            giveReferences(job);
        }
        jdbc.sql("""
                insert into import_refused_row (job_id, row_number, cells)
                select r.job_id, r.row_number, r.cells from import_row r
                 where r.job_id = :job and exists (select 1 from import_problem p where p.job_id = :job and p.row_number = r.row_number)""")
                .param("job", id).update();
        if (jdbc.sql("""
                update import_job set status = 'DONE', finished_at = now(), households = :households,
                       households_added = :added, members_added = :members, households_unchanged = :unchanged,
                       rows_refused = :refused
                 where id = :job and status = 'WRITING'""")
                .param("households", fileHouseholds).param("added", added).param("members", members)
                .param("unchanged", unchanged).param("refused", refused).param("job", id).update() == 0) {
            // Marked interrupted while it wrote: it then enters nothing, as it says.
            throw new IllegalStateException("Import " + id + " was interrupted while it wrote");
        }
    }

    /**
     * The same households uploaded again that have no reference yet (recorded before households kept one, or typed
     * without) take the file's household number, unless another household of the county holds it: an office gets the
     * references of what it imported before by uploading the same file again. Audited as any change of a household.
     */
    private void giveReferences(ImportJob job) {
        long id = job.id();
        long started = System.nanoTime();
        entries.stage();
        int staged = jdbc.sql("""
                insert into pg_temp.entry_reference (id_number, external_ref)
                select r.id_number, r.household_key from import_row r
                 where r.job_id = :job and r.unchanged and r.relation = 'HEAD'
                   and not exists (select 1 from import_problem p where p.job_id = :job and p.row_number = r.row_number)""")
                .param("job", id).update();
        if (staged == 0) {
            return;
        }
        entries.giveReferences("import " + id + ": " + job.fileName());
        took(id, "references", started);
    }

    private ImportJob job(ResultSet rs) throws SQLException {
        List<ImportJob.Warning> warnings = json.readValue(rs.getString("warnings"), new TypeReference<List<ImportJob.Warning>>() {
        });
        return new ImportJob(rs.getLong("id"), rs.getString("user_login"), rs.getString("file_name"), rs.getLong("file_size"),
                FileFormat.valueOf(rs.getString("format")), rs.getString("charset"), ImportJob.Mode.valueOf(rs.getString("mode")),
                ImportJob.Status.valueOf(rs.getString("status")), rs.getLong("bytes_read"), rs.getInt("rows_read"),
                rs.getInt("households"), rs.getInt("households_added"), rs.getInt("members_added"),
                rs.getInt("households_unchanged"), rs.getInt("rows_refused"), rs.getString("message_key"),
                List.of((String[]) rs.getArray("message_args").getArray()), warnings,
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    private static DomainException invalid(String field, String code, String key, Object... args) {
        return DomainException.invalid(List.of(new DomainException.FieldProblem(field, code, key, args)));
    }
}
