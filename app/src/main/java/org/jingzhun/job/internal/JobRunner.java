package org.jingzhun.job.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.job.Job;
import org.jingzhun.job.JobContext;
import org.jingzhun.job.JobKind;
import org.jingzhun.job.JobResult;
import org.jingzhun.job.Jobs;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DataDirectory;
import org.jingzhun.platform.DatabaseAvailabilityChanged;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import jakarta.annotation.PreDestroy;

/**
 * The job runner of this instance: the queue is the table of jobs, which the workers claim with
 * {@code for update skip locked}, fairly: no area and no owner holds more than all workers but one (so one county's
 * work always leaves a worker to the others), and among the jobs that may start, the one whose area runs fewest
 * jobs, then whose area was served longest ago, then the oldest. Each worker has its memory budget.
 * <p>
 * The instance has a stable name and beats in {@code job_instance} while it lives. At start it marks interrupted its
 * own unfinished jobs (cut short by its last stop) and those of instances whose beat is older than a bound (gone),
 * never the jobs of a live instance. When the database comes back after an outage, the jobs this instance was
 * running are marked interrupted: their transactions went with it.
 */
@Service
class JobRunner implements Jobs {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** How long an idle worker waits before it looks at the queue again unasked (after a lost database, say). */
    private static final long IDLE_LOOK_MILLIS = 10_000;
    private static final int MAX_PARAMETERS = 4000;
    private static final String COLUMNS = "id, kind, owner_login, area_code, state, step, progress, result_key, result_args,"
            + " parameters, created_at, started_at, finished_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    /** For what a job reports while its own work holds a transaction open: seen at once, kept whatever the work does. */
    private final TransactionTemplate apart;
    private final Map<String, JobKind> kinds;
    private final JobEnds ends;
    private final String instance;
    private final int count;
    private final long budget;
    private final Duration heartbeat;
    private final Duration goneAfter;
    private final List<Thread> threads = new ArrayList<>();
    /** The job each busy worker runs. */
    private final Map<Thread, Running> running = new ConcurrentHashMap<>();
    /** Jobs that stopped while the database was away, to be marked interrupted once it answers. */
    private final Set<Long> toMarkInterrupted = ConcurrentHashMap.newKeySet();
    private final Object work = new Object();
    private final Object beating = new Object();
    private long signals;
    private volatile boolean stopping;

    private record Running(long id, String kind, Context context) {
    }

    @Autowired
    JobRunner(JdbcClient jdbc, PlatformTransactionManager transactions, List<JobKind> kinds, JobEnds ends,
              @Value("${jingzhun.jobs.instance:}") String instance, @Value("${jingzhun.data-dir:}") String dataDir,
              @Value("${jingzhun.jobs.workers:2}") int workers,
              @Value("${jingzhun.jobs.worker-memory:64MB}") DataSize workerMemory,
              @Value("${jingzhun.jobs.heartbeat:10s}") Duration heartbeat,
              @Value("${jingzhun.jobs.instance-gone-after:2m}") Duration goneAfter) {
        this(jdbc, transactions, kinds, ends, instance.isBlank() ? defaultName(dataDir) : instance.strip(), workers,
                budget(workers, workerMemory.toBytes()), heartbeat, goneAfter);
    }

    /** A runner of its own: the application has one; a test may start a second as another instance. */
    JobRunner(JdbcClient jdbc, PlatformTransactionManager transactions, List<JobKind> kinds, JobEnds ends, String instance,
              int workers, long budget, Duration heartbeat, Duration goneAfter) {
        this.ends = ends;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(JobKind::name, Function.identity()));
        this.instance = instance;
        this.count = Math.max(1, workers);
        this.budget = budget;
        this.heartbeat = heartbeat;
        this.goneAfter = goneAfter;
    }

    /** This host's name and the data directory: the same across restarts, different for two instances on one host. */
    static String defaultName(String dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String name = host + ":" + DataDirectory.resolve(dataDir).toAbsolutePath().normalize();
        return name.length() > 300 ? name.substring(name.length() - 300) : name;
    }

    /** The budget asked for, lowered when the workers together would take more than half the heap. */
    private static long budget(int workers, long asked) {
        long most = Runtime.getRuntime().maxMemory() / 2 / Math.max(1, workers);
        if (asked > most) {
            log.warn("jingzhun.jobs.worker-memory of {} MB for {} workers exceeds half the heap: {} MB each instead",
                    asked >> 20, workers, most >> 20);
            return most;
        }
        return asked;
    }

    /** This instance's name, as its jobs and its beat carry it. */
    public String instance() {
        return instance;
    }

    /** At start (once the context is up): the beat, then what was cut short is marked, then the workers begin. */
    @EventListener(ContextRefreshedEvent.class)
    public synchronized void begin() {
        if (!threads.isEmpty()) {
            return;
        }
        beat();
        recover();
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::work, "job-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread heart = new Thread(this::beatWhileOn, "job-heartbeat");
        heart.setDaemon(true);
        threads.add(heart);
        heart.start();
        log.info("Instance {}: {} job workers, each with a memory budget of {} MB", instance, count, budget >> 20);
    }

    @PreDestroy
    public synchronized void stop() {
        stopping = true;
        threads.forEach(Thread::interrupt);
        synchronized (work) {
            work.notifyAll();
        }
    }

    /** Says in the database that this instance lives. */
    private void beat() {
        jdbc.sql("""
                insert into job_instance (id) values (:id)
                on conflict (id) do update set heartbeat_at = now()""").param("id", instance).update();
    }

    private void beatWhileOn() {
        while (!stopping) {
            try {
                beat();
            } catch (RuntimeException e) {
                log.debug("No beat: the database is away ({})", e.getMessage());
            }
            synchronized (beating) {
                try {
                    beating.wait(Math.max(1, heartbeat.toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Marks interrupted the unfinished jobs of this instance (but those it runs now) and those of gone instances,
     * and has their kinds clean up after them. Jobs any instance may run and no instance has claimed stay queued.
     */
    void recover() {
        List<Long> mine = running.values().stream().map(Running::id).toList();
        List<Map<String, Object>> cut = jdbc.sql("""
                update job j set state = 'INTERRUPTED', finished_at = now(), result_key = 'job.interrupted'
                 where j.state in ('QUEUED', 'RUNNING') and j.id <> all(:mine)
                   and (j.instance_id = :me
                        or j.instance_id is not null and not exists (
                               select 1 from job_instance i where i.id = j.instance_id
                                  and i.heartbeat_at >= now() - make_interval(secs => :gone)))
                returning j.id, j.kind, j.instance_id""")
                .param("mine", mine.toArray(Long[]::new)).param("me", instance)
                .param("gone", (double) goneAfter.toMillis() / 1000).query().listOfRows();
        for (Map<String, Object> job : cut) {
            long id = ((Number) job.get("id")).longValue();
            log.warn("Job {} ({}) of instance {} was cut short by a stop of that instance", id, job.get("kind"),
                    job.get("instance_id"));
            cleanUp(id, (String) job.get("kind"));
            ends.ended(id);
        }
    }

    /** Has a job's kind clean up after it was marked interrupted; a kind this instance does not know is left. */
    private void cleanUp(long id, String kind) {
        JobKind known = kinds.get(kind);
        if (known == null) {
            return;
        }
        try {
            known.interrupted(id);
        } catch (RuntimeException e) {
            log.warn("Job {} ({}): its clean-up failed: {}", id, kind, e.toString());
        }
    }

    /** The database is back after an outage: the jobs this instance ran then lost their transactions. */
    @EventListener
    void databaseChanged(DatabaseAvailabilityChanged change) {
        if (change.away()) {
            return;
        }
        List<Map<String, Object>> cut = jdbc.sql("""
                update job set state = 'INTERRUPTED', finished_at = now(), result_key = 'job.interrupted'
                 where instance_id = :me and state = 'RUNNING' returning id, kind""")
                .param("me", instance).query().listOfRows();
        for (Map<String, Object> job : cut) {
            long id = ((Number) job.get("id")).longValue();
            toMarkInterrupted.remove(id);
            running.forEach((thread, run) -> {
                if (run.id() == id) {
                    run.context().off = true;
                    thread.interrupt();
                }
            });
            log.warn("Job {} ({}) was cut short when the database went away", id, job.get("kind"));
            cleanUp(id, (String) job.get("kind"));
            ends.ended(id);
        }
        markLostJobsInterrupted();
    }

    @Override
    public void interruptRunning(String kind) {
        running.forEach((thread, run) -> {
            if (run.kind().equals(kind)) {
                run.context().off = true;
                toMarkInterrupted.add(run.id());
                thread.interrupt();
            }
        });
        markLostJobsInterrupted();
    }

    /** Marks the jobs that stopped while the database was away, once it answers; the rest wait for the next try. */
    private void markLostJobsInterrupted() {
        for (long id : List.copyOf(toMarkInterrupted)) {
            try {
                markInterrupted(id);
                toMarkInterrupted.remove(id);
            } catch (RuntimeException e) {
                return; // the database is still away; the next look at the queue tries again
            }
        }
    }

    private void markInterrupted(long id) {
        jdbc.sql("""
                update job set state = 'INTERRUPTED', finished_at = now(), result_key = 'job.interrupted'
                 where id = :id and state in ('QUEUED', 'RUNNING') returning kind""")
                .param("id", id).query(String.class).optional()
                .ifPresent(kind -> cleanUp(id, kind));
        ends.ended(id);
    }

    // ---------------------------------------------------------------- submitting and following

    @Override
    public long submit(String kind, String parameters, boolean here) {
        Caller caller = Caller.required();
        if (!kinds.containsKey(kind)) {
            throw new IllegalArgumentException("No job kind " + kind);
        }
        String given = parameters == null ? "" : parameters;
        if (given.length() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("The parameters of a job hold at most " + MAX_PARAMETERS + " characters");
        }
        long id = jdbc.sql("""
                insert into job (kind, owner_id, owner_login, owner_roles, owner_areas, area_code, parameters, instance_id)
                values (:kind, :user, :login, :roles, :areas, :area, :parameters, :instance) returning id""")
                .param("kind", kind).param("user", caller.userId()).param("login", caller.login())
                .param("roles", caller.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .param("areas", caller.areas().stream().sorted().toArray(String[]::new))
                .param("area", areaOf(caller.areas())).param("parameters", given)
                .param("instance", here ? instance : null)
                .query(Long.class).single();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal();
                }
            });
        } else {
            signal();
        }
        return id;
    }

    /** The smallest area covering all of a caller's: the key by which the queue shares its workers between areas. */
    static String areaOf(Set<String> areas) {
        return AreaLevel.holdingAll(areas);
    }

    @Override
    public Job get(long id) {
        Caller caller = Caller.required();
        return jdbc.sql("select " + COLUMNS + " from job where id = :id and (owner_id = :user or :all)")
                .param("id", id).param("user", caller.userId()).param("all", seesAll(caller))
                .query((rs, i) -> job(rs)).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "job.not-found", id));
    }

    @Override
    public List<Job> recent() {
        Caller caller = Caller.required();
        return jdbc.sql("select " + COLUMNS + " from job where owner_id = :user or :all order by id desc limit 50")
                .param("user", caller.userId()).param("all", seesAll(caller)).query((rs, i) -> job(rs)).list();
    }

    @Override
    public Optional<Job> latest(String kind) {
        Caller caller = Caller.required();
        return jdbc.sql("select " + COLUMNS + " from job where kind = :kind and (owner_id = :user or :all) order by id desc limit 1")
                .param("kind", kind).param("user", caller.userId()).param("all", seesAll(caller))
                .query((rs, i) -> job(rs)).optional();
    }

    /** A national administrator may follow everyone's jobs; anyone else only their own. */
    private static boolean seesAll(Caller caller) {
        return caller.has(Role.ADMINISTRATOR) && caller.national();
    }

    private Job job(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String kind = rs.getString("kind");
        JobKind known = kinds.get(kind);
        return new Job(id, kind, rs.getString("owner_login"), rs.getString("area_code"),
                Job.State.valueOf(rs.getString("state")), rs.getString("step"), rs.getDouble("progress"),
                rs.getString("result_key"), List.of((String[]) rs.getArray("result_args").getArray()),
                rs.getString("parameters"), known == null ? null : known.page(id),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    // ---------------------------------------------------------------- the workers

    /** Something changed in the queue: a job came, or one stopped and its area may start another. */
    void signal() {
        synchronized (work) {
            signals++;
            work.notifyAll();
        }
    }

    /** How many jobs of one area, or of one owner, may run at once: all workers but one, at least one. */
    int share() {
        return Math.max(1, count - 1);
    }

    private void work() {
        while (!stopping) {
            long seen;
            synchronized (work) {
                seen = signals;
            }
            Optional<Claimed> job = Optional.empty();
            try {
                markLostJobsInterrupted();
                job = claim();
            } catch (RuntimeException e) {
                log.warn("Job worker cannot read the queue: {}", e.getMessage());
            }
            if (job.isPresent()) {
                Claimed claimed = job.get();
                running.put(Thread.currentThread(), new Running(claimed.id(), claimed.kind(),
                        new Context(claimed.id(), claimed.parameters(), claimed.owner())));
                try {
                    run(claimed);
                } catch (RuntimeException | Error e) {
                    log.error("Job {} ended with an error", job.get().id(), e);
                } finally {
                    running.remove(Thread.currentThread());
                    Thread.interrupted(); // an interruption was for that job, not for this worker
                    signal();
                }
                continue;
            }
            synchronized (work) {
                if (signals == seen && !stopping) {
                    try {
                        work.wait(IDLE_LOOK_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private record Claimed(long id, String kind, String parameters, Caller owner) {
    }

    /** Claims the next job fairly and marks it running here, in one short transaction; empty when none may start. */
    private Optional<Claimed> claim() {
        // One claim at a time in this instance, so that two workers never both take an area's last share.
        synchronized (this) {
            return transaction.execute(status -> {
                Optional<Claimed> next = jdbc.sql("""
                        select j.id, j.kind, j.parameters, j.owner_id, j.owner_login, j.owner_roles, j.owner_areas from job j
                         where j.state = 'QUEUED' and j.kind = any(:kinds) and (j.instance_id = :me or j.instance_id is null)
                           and (select count(*) from job r where r.instance_id = :me and r.state = 'RUNNING'
                                   and r.area_code = j.area_code) < :share
                           and (select count(*) from job r where r.instance_id = :me and r.state = 'RUNNING'
                                   and r.owner_login = j.owner_login) < :share
                         order by (select count(*) from job r where r.instance_id = :me and r.state = 'RUNNING'
                                      and r.area_code = j.area_code),
                                  (select max(s.started_at) from job s where s.area_code = j.area_code) nulls first,
                                  j.id
                         limit 1
                         for update of j skip locked""")
                        .param("kinds", kinds.keySet().toArray(String[]::new)).param("me", instance).param("share", share())
                        .query((rs, i) -> new Claimed(rs.getLong("id"), rs.getString("kind"), rs.getString("parameters"),
                                new Caller(rs.getLong("owner_id"), rs.getString("owner_login"),
                                        Arrays.stream((String[]) rs.getArray("owner_roles").getArray()).map(Role::valueOf)
                                                .collect(Collectors.toSet()),
                                        Set.of((String[]) rs.getArray("owner_areas").getArray()))))
                        .optional();
                next.ifPresent(job -> jdbc.sql("""
                                update job set state = 'RUNNING', instance_id = :me, started_at = now() where id = :id""")
                        .param("me", instance).param("id", job.id()).update());
                return next;
            });
        }
    }

    /** Runs a claimed job as its owner (with the roles and areas they had at submission) to its end. */
    private void run(Claimed job) {
        Context context = running.get(Thread.currentThread()).context();
        Caller owner = job.owner();
        Caller.Principal principal = () -> owner;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                owner.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList()));
        try {
            JobResult result = kinds.get(job.kind()).run(context);
            finish(job.id(), "DONE", result.key(), result.args());
        } catch (Exception | Error e) {
            if (context.off || Thread.currentThread().isInterrupted() || e instanceof InterruptedException || databaseLost(e)) {
                log.warn("Job {} ({}) was cut short: {}", job.id(), job.kind(), e.toString());
                toMarkInterrupted.add(job.id());
                markLostJobsInterrupted();
            } else if (e instanceof DomainException refused) {
                finish(job.id(), "FAILED", refused.messageKey(),
                        Arrays.stream(refused.args()).map(String::valueOf).toList());
            } else {
                log.error("Job {} ({}) failed", job.id(), job.kind(), e);
                finish(job.id(), "FAILED", "job.failed", List.of(e.getClass().getSimpleName()));
            }
        } finally {
            SecurityContextHolder.clearContext();
            ends.ended(job.id());
        }
    }

    /** Records how a job stopped, unless it was marked stopped already (interrupted while it ran). */
    private void finish(long id, String state, String key, List<String> args) {
        try {
            jdbc.sql("""
                    update job set state = :state, result_key = :key, result_args = :args, finished_at = now(),
                           progress = case when :state = 'DONE' then 1 else progress end
                     where id = :id and state = 'RUNNING'""")
                    .param("state", state).param("key", key).param("args", args.toArray(String[]::new))
                    .param("id", id).update();
        } catch (RuntimeException e) {
            // The database is away: the job is marked interrupted when it is back, as its instance's running jobs are.
            log.warn("Job {}: its end could not be recorded: {}", id, e.getMessage());
        }
    }

    /** Whether the failure is the database gone (connection lost, server shut down), not something of the job. */
    static boolean databaseLost(Throwable e) {
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

    /** What a running job is given. */
    private final class Context implements JobContext {
        private final long id;
        private final String parameters;
        private final Caller owner;
        /** Set when the job was interrupted from this instance. */
        private volatile boolean off;

        Context(long id, String parameters, Caller owner) {
            this.id = id;
            this.parameters = parameters;
            this.owner = owner;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String parameters() {
            return parameters;
        }

        @Override
        public Caller owner() {
            return owner;
        }

        @Override
        public long memoryBudget() {
            return budget;
        }

        @Override
        public void progress(String step, double done) {
            apart.executeWithoutResult(status -> jdbc.sql("""
                            update job set step = :step, progress = :done where id = :id and state = 'RUNNING'""")
                    .param("step", step).param("done", (float) Math.max(0, Math.min(1, done))).param("id", id).update());
        }

        @Override
        public boolean stillOn() {
            return !off && !Thread.currentThread().isInterrupted()
                    && Boolean.TRUE.equals(apart.execute(status -> jdbc.sql("select state = 'RUNNING' from job where id = :id")
                    .param("id", id).query(Boolean.class).optional().orElse(false)));
        }
    }
}
