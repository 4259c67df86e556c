package org.jingzhun.interchange.internal;

import org.jingzhun.platform.table.StagedImports;
import org.jingzhun.platform.table.TableColumn;
import org.jingzhun.platform.table.TableImport;
import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.TableProblem;
import org.jingzhun.platform.table.TableRows;
import org.jingzhun.platform.table.TableTemplate;
import org.jingzhun.platform.table.TableWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * {@code import}, run by this instance, which holds the upload), then in one of its workers imported by the platform's
 * staged import as the household kind ({@link HouseholdFile}), the job following its phases and progress; the households
 * without problems go to the registry's bulk entry in one transaction together with the job's result. The import's own
 * details stay in {@code import_job}, under the id of its job, its report in the staged import's. A job cut short by a
 * crash is marked interrupted by the runner at the next start, one cut short by a lost database when the database is
 * back; this kind then removes its report so far and its upload. The registry is then as it was.
 */
@Service
class ImportJobs implements HouseholdImports, JobKind {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    /** What a job row is read with. */
    private static final String JOB_COLUMNS = "id, user_login, file_name, file_size, format, charset, mode, status,"
            + " bytes_read, rows_read, households, households_added, members_added, households_unchanged, rows_refused,"
            + " message_key, message_args, warnings, created_at, started_at, finished_at";
    private static final String UNFINISHED = "('QUEUED', 'READING', 'CHECKING', 'WRITING')";
    /** The name of the import's kind of job. */
    static final String KIND = "import";

    private final JdbcClient jdbc;
    private final StagedImports imports;
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

    ImportJobs(JdbcClient jdbc, StagedImports imports, TransactionTemplate transaction, Households households,
               HouseholdEntries entries, MessageSource messages, JsonMapper json, UploadFolder uploads, ImportFailpoints failpoints,
               @Lazy Jobs jobs) {
        this.jdbc = jdbc;
        this.imports = imports;
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
        forgetReport(id);
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

    /**
     * Removes what the staged import of a job cut short left of its report (its problems so far): the staging went with
     * the import's session.
     */
    void forgetReport(long id) {
        Long report = report(id);
        if (report != null) {
            imports.forget(report);
        }
    }

    /** The staged import of a job, once it began reading; null before. */
    private Long report(long id) {
        return jdbc.sql("select table_import_id from import_job where id = :id").param("id", id)
                .query((rs, i) -> rs.getObject(1, Long.class)).optional().orElse(null);
    }

    @Override
    public Page<ImportProblem> problems(long id, int page, int size) {
        Page.check(page, size);
        get(id);
        Long report = report(id);
        if (report == null) {
            return new Page<>(List.of(), page, size, 0);
        }
        Page<TableImport.RowProblem> found = imports.problems(report, page, size);
        return new Page<>(found.items().stream().map(p -> problem(p.rowNumber(), p.problem())).toList(), page, size,
                found.total());
    }

    @Override
    public Page<RefusedRow> refusedRows(long id, int page, int size) {
        Page.check(page, size);
        get(id);
        Long report = report(id);
        if (report == null) {
            return new Page<>(List.of(), page, size, 0);
        }
        Page<TableImport.RefusedRow> found = imports.refusedRows(report, page, size);
        return new Page<>(found.items().stream().map(r -> new RefusedRow(r.rowNumber(), r.cells(),
                r.problems().stream().map(p -> problem(r.rowNumber(), p)).toList())).toList(), page, size, found.total());
    }

    private static ImportProblem problem(int rowNumber, TableProblem problem) {
        return new ImportProblem(rowNumber, problem.column(), problem.code(), problem.key(), problem.args());
    }

    @Override
    public void writeRefusedRows(long id, FileFormat format, Locale locale, OutputStream out) throws IOException {
        get(id);
        Long report = report(id);
        if (report != null) {
            imports.writeRefusedRows(report, TableRows.Format.valueOf(format.name()), locale, out);
            return;
        }
        try (TableWriter writer = TableWriter.of(TableRows.Format.valueOf(format.name()), out)) {
            writer.table(messages.getMessage("import.refused.sheet", null, locale),
                    List.of(messages.getMessage("import.column.problems", null, locale)));
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
            Map<String, List<String>> listed = new LinkedHashMap<>();
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

    /** What the write entered, for the job's result. */
    private static final class Entered {
        int households;
        int members;
    }

    /** Imports the upload as the platform's staged import of the household kind, followed by the job. */
    private void run(long id, Path upload) throws Exception {
        ImportJob job = get(id);
        TableRows.Format format = TableRows.Format.valueOf(job.format().name());
        Entered entered = new Entered();
        Set<String> ignored = new java.util.HashSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            ignored.add(messages.getMessage("import.column.problems", null, locale));
            // An export's last column repeats the reference, which the household column gives an import.
            ignored.add(messages.getMessage(HouseholdExport.EXTERNAL_REF, null, locale));
        }
        TableKind kind = HouseholdFile.kind(messages, households.causes(), codes(), Caller.required(), ignored,
                accepted -> write(job, accepted, entered));
        StagedImports.Progress followed = new StagedImports.Progress() {
            @Override
            public void phase(StagedImports.Phase phase, long report) throws InterruptedException {
                switch (phase) {
                    case READING -> {
                        jdbc.sql("update import_job set table_import_id = :report where id = :id")
                                .param("report", report).param("id", id).update();
                        failpoints.reach(ImportFailpoints.Point.STARTED, job);
                    }
                    case CHECKING -> {
                        jdbc.sql("update import_job set bytes_read = file_size where id = :id and format = 'CSV'")
                                .param("id", id).update();
                        failpoints.reach(ImportFailpoints.Point.STAGED, job);
                        stillOn(id, "CHECKING");
                    }
                    case WRITING -> {
                        failpoints.reach(ImportFailpoints.Point.CHECKED, job);
                        stillOn(id, "WRITING");
                    }
                }
            }

            @Override
            public void read(int rows, double share) {
                progress(id, rows, share);
            }

            @Override
            public void header(List<String> cells, java.util.SortedMap<Integer, String> unknown, int beyond) {
                IgnoredColumns ignoredColumns = new IgnoredColumns();
                unknown.forEach((position, text) -> ignoredColumns.add(abbreviated(text), TableRows.columnLetter(position)));
                jdbc.sql("update import_job set warnings = :warnings::jsonb where id = :id")
                        .param("warnings", json.writeValueAsString(ignoredColumns.warning(beyond).stream().toList()))
                        .param("id", id).update();
            }

            @Override
            public void ending(TableImport result) {
                done(job, result, entered);
            }
        };
        String charset = null;
        if (format != TableRows.Format.XLSX) {
            charset = (job.charset() == null ? TableRows.detectCharset(upload) : Charset.forName(job.charset())).name();
            jdbc.sql("update import_job set charset = :charset where id = :id").param("charset", charset).param("id", id).update();
        }
        String checksum = jdbc.sql("select checksum from import_job where id = :id").param("id", id).query(String.class).single();
        try {
            imports.run(kind, new StagedImports.Upload(job.fileName(), upload, charset, checksum),
                    job.mode() == ImportJob.Mode.VALID_ROWS ? StagedImports.Mode.VALID_ROWS : StagedImports.Mode.ALL_OR_NOTHING,
                    followed);
        } catch (DomainException e) {
            // A file refused whole (not a table, its header, its size): the job is refused, nothing was checked.
            DomainException.FieldProblem refusal = e.fieldProblems().stream()
                    .filter(p -> p.field().equals("file") || p.field().equals("charset")).findFirst().orElseThrow(() -> e);
            throw new Refusal(refusal.messageKey(), refusal.args());
        }
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

    private void progress(long id, int count, double share) {
        jdbc.sql("update import_job set rows_read = :rows, bytes_read = case when :share < 0 then bytes_read else (file_size * :share)::bigint end where id = :id")
                .param("rows", count).param("share", share).param("id", id).update();
        JobContext context = contexts.get(id);
        if (context != null && share >= 0) {
            context.progress("import.status.READING", 0.8 * share);
        }
    }

    /** A header as a warning names it: at most 100 characters. */
    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }

    /**
     * The accepted households to the registry's bulk entry, which writes them under its rules, with their members and
     * incomes; the same households again that have no reference yet take the file's household number. In the writing
     * transaction; gives the members entered.
     */
    private int write(ImportJob job, String accepted, Entered entered) {
        long id = job.id();
        entries.stage();
        jdbc.sql("""
                insert into pg_temp.entry_household (household_key, village_code, group_name, address, phone, category,
                                                     main_cause, other_causes, housing_grade, safe_water, production,
                                                     bank_account, registered_year, external_ref)
                select h.household, h.village_code, h.group_name, h.address, h.phone, h.category, h.main_cause,
                       coalesce(h.other_causes, '{}'), h.housing_grade, h.safe_water, h.production, h.bank_account,
                       h.registered_year, h.household
                  from""" + " " + accepted + " h where h.relation = 'HEAD' and not h.unchanged order by h.row_number").update();
        jdbc.sql("""
                insert into pg_temp.entry_member (household_key, position, name, id_number, relation, sex, birth_date,
                                                  ethnicity, education, schooling, health, disability_grade, work_ability,
                                                  skills, migrant_place, migrant_months)
                select r.household, r.row_number, r.name, r.id_number, r.relation, r.sex, r.birth_date, r.ethnicity,
                       r.education, r.schooling, r.health, r.disability_grade, r.work_ability, r.skills, r.migrant_place,
                       r.migrant_months
                  from pg_temp.entry_household h join""" + " " + accepted + " r on r.household = h.household_key").update();
        jdbc.sql("""
                insert into pg_temp.entry_income (household_key, year, amount)
                select h.household, h.income_year, h.income from""" + " " + accepted + " h where h.relation = 'HEAD'"
                + " and not h.unchanged and h.income_year is not null and h.income is not null").update();
        HouseholdEntries.Entered done = entries.enter("import", "import " + id + ": " + job.fileName(), true, "Import " + id);
        entered.households = done.households();
        entered.members = done.members();
        // The same households uploaded again that have no reference yet (recorded before households kept one, or typed
        // without) take the file's household number, unless another household of the county holds it.
        entries.stage();
        if (jdbc.sql("insert into pg_temp.entry_reference (id_number, external_ref) select r.id_number, r.household from "
                + accepted + " r where r.unchanged and r.relation = 'HEAD'").update() > 0) {
            entries.giveReferences("import " + id + ": " + job.fileName());
        }
        return done.members();
    }

    /** The job's result, in the writing transaction: an import marked interrupted meanwhile enters nothing, as it says. */
    private void done(ImportJob job, TableImport result, Entered entered) {
        Map<String, Object> counts = jdbc.sql("select count(distinct household) as households,"
                + " count(distinct household) filter (where unchanged) as unchanged from pg_temp.staged").query().singleRow();
        if (jdbc.sql("""
                update import_job set status = 'DONE', finished_at = now(), households = :households,
                       households_added = :added, members_added = :members, households_unchanged = :unchanged,
                       rows_refused = :refused
                 where id = :job and status = 'WRITING'""")
                .param("households", ((Number) counts.get("households")).intValue()).param("added", entered.households)
                .param("members", entered.members).param("unchanged", ((Number) counts.get("unchanged")).intValue())
                .param("refused", result.refused()).param("job", job.id()).update() == 0) {
            throw new IllegalStateException("Import " + job.id() + " was interrupted while it wrote");
        }
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
