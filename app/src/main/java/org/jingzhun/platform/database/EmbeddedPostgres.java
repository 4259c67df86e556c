package org.jingzhun.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server owned by this process, kept in a data directory that survives restarts.
 *
 * <p>Layout of the data directory: {@code postgres-<hash>/} the unpacked binaries, {@code pgdata/} the
 * cluster, {@code log/postgres.log}, {@code database.password}, and {@code jingzhun.lock}, held while the
 * server is ours so that a second Jingzhun on the same directory is refused instead of sharing it.
 * {@code database.owner.password} and {@code database.application.password} (mode 600) hold the passwords of the
 * two roles the application uses: {@value #OWNER} owns the schema and runs the migrations, {@value #APPLICATION}
 * is the pool's login role with only the privileges the migrations grant it. The cluster's bootstrap role
 * {@value #USER} stays a superuser (PostgreSQL 16 and later refuse to take that from it) and is used only here.
 * PostgreSQL refuses to run as root, so when this process is root the server runs as an unprivileged
 * operating-system account (created when missing) that owns the cluster.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    static final String DATABASE = "jingzhun";
    static final String USER = "jingzhun";
    static final String OWNER = "jingzhun_owner";
    static final String APPLICATION = "jingzhun_app";
    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final Path dataDir;
    private final Path cluster;
    private final Path binaries;
    private final String osUser;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String password;
    private final String ownerPassword;
    private final String applicationPassword;
    private final int port;

    private EmbeddedPostgres(Path dataDir, String osUser, FileChannel lockChannel, FileLock lock, int port)
            throws IOException, InterruptedException {
        this.dataDir = dataDir;
        this.cluster = dataDir.resolve("pgdata");
        this.osUser = osUser;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.binaries = unpackBinaries(dataDir);
        if (osUser != null) {
            requireReachable(dataDir, osUser);
        }
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initCluster();
        }
        this.password = Files.readString(dataDir.resolve("database.password")).strip();
        this.ownerPassword = privatePassword(dataDir.resolve("database.owner.password"));
        this.applicationPassword = privatePassword(dataDir.resolve("database.application.password"));
        recoverFromEarlierRun();
        this.port = port == 0 ? freePort() : port;
        startServer();
        try {
            createDatabaseIfMissing();
            ensureRoles();
        } catch (RuntimeException | IOException e) {
            stopServer(); // we are about to let go of the directory: leave no server behind
            throw e;
        }
    }

    /**
     * Starts the server on the data directory, creating the cluster on first use and recovering from a
     * crashed earlier run. {@code port} 0 picks a free port; {@code osUser} names the account the server
     * runs as when this process is root.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, String osUser) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("jingzhun.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw new IllegalStateException("Another Jingzhun process is using the data directory " + dataDir
                            + "; stop it or choose another directory with JINGZHUN_DATA_DIR.");
                }
                return new EmbeddedPostgres(dataDir.toAbsolutePath(), isRoot() ? osUser : null, channel, lock, port);
            } catch (Throwable e) {
                // Whatever failed, closing the channel also releases the lock, if we got it.
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded PostgreSQL", e);
        }
    }

    /** The lock, or null when another process (or this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The cluster's bootstrap superuser: for maintenance outside the application (tests, benchmarks) only. */
    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The role that owns the schema and runs the migrations. */
    public String ownerUser() {
        return OWNER;
    }

    public String ownerPassword() {
        return ownerPassword;
    }

    /** The login role of the application's pool: no superuser, no ownership, only the privileges granted. */
    public String applicationUser() {
        return APPLICATION;
    }

    public String applicationPassword() {
        return applicationPassword;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            releaseLock();
        }
    }

    /** Whether the server we started still runs (its postmaster, not merely some process of that pid). */
    public boolean isRunning() {
        long pid = postmasterPid();
        return pid > 0 && isServerOf(pid, cluster);
    }

    /** The postmaster's pid from its lock file, or -1. */
    long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            return lines.isEmpty() ? -1 : parseLong(lines.getFirst().strip());
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Starts the server again, on the same port, after its postmaster died (killed, or crashed): PostgreSQL
     * recovers from its WAL. Backends of the dead postmaster may still run, attached to its shared memory; the
     * new server refuses to start until they are gone, so they are killed first. They are found by their
     * working directory, which every PostgreSQL process of a cluster has set to the cluster's directory.
     */
    public synchronized void restartAfterCrash() {
        if (isRunning()) {
            return;
        }
        try {
            for (ProcessHandle orphan : processesOfCluster()) {
                log.warn("Killing PostgreSQL process {} left over from the dead postmaster", orphan.pid());
                orphan.destroyForcibly();
            }
            for (ProcessHandle orphan : processesOfCluster()) {
                orphan.onExit().get(60, TimeUnit.SECONDS);
            }
            recoverFromEarlierRun();
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the embedded PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting the embedded PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("A process of the dead PostgreSQL server does not end", e);
        }
    }

    /** The live (not zombie) PostgreSQL processes whose working directory is our cluster. */
    private List<ProcessHandle> processesOfCluster() throws IOException {
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (state == 'Z' || state == 'X' || !stat.contains("(postgres")) {
                        continue;
                    }
                    if (Files.isSameFile(Files.readSymbolicLink(process.resolve("cwd")), cluster)) {
                        ProcessHandle.of(Long.parseLong(process.getFileName().toString())).ifPresent(found::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        }
        return found;
    }

    /** Leaves the server running and lets go of the data directory, as a process killed outright would. */
    void abandon() {
        releaseLock();
    }

    private void releaseLock() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release {}", dataDir.resolve("jingzhun.lock"), e);
        }
    }

    private String bin(String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    // --- binaries ------------------------------------------------------------------------------------

    /** Unpacks the PostgreSQL binaries shipped on the classpath once, into a folder named by their hash. */
    private static Path unpackBinaries(Path dataDir) throws IOException {
        String hash = sha256(BINARIES).substring(0, 12);
        Path target = dataDir.resolve("postgres-" + hash);
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        // We hold jingzhun.lock, so nobody else unpacks here: what a crash left half done can go.
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path stale : files.filter(f -> f.getFileName().toString().startsWith("postgres-unpacking-")).toList()) {
                deleteTree(stale);
            }
        }
        deleteTree(target);
        log.info("Unpacking PostgreSQL binaries into {}", target);
        Path staging = Files.createTempDirectory(dataDir, "postgres-unpacking-");
        try (InputStream in = resource(BINARIES);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Unsafe entry in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(staging)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        // Renamed only when complete, so that bin/postgres marks a whole copy.
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EmbeddedPostgres.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("The PostgreSQL binaries " + name + " are not on the classpath: this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch")
                    + ") has no embedded database; set SPRING_DATASOURCE_URL to use an installed PostgreSQL.");
        }
        return in;
    }

    private static String sha256(String resourceName) throws IOException {
        try (InputStream in = new DigestInputStream(resource(resourceName), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- cluster -------------------------------------------------------------------------------------

    /**
     * Runs initdb, nothing more: the settings and our database come with every start, so a crash right after
     * initdb leaves nothing to repair.
     */
    private void initCluster() throws IOException, InterruptedException {
        if (Files.exists(cluster)) {
            // A cluster without PG_VERSION was cut off while being created and never held data.
            log.warn("Removing the incomplete database cluster {}", cluster);
            deleteTree(cluster);
        }
        Files.createDirectories(cluster);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        Path passwordFile = dataDir.resolve("database.password");
        if (!Files.exists(passwordFile)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            writePrivate(passwordFile, HexFormat.of().formatHex(random));
        }
        Path pwfile = dataDir.resolve("initdb.pw"); // a private copy the server's account can read
        Files.deleteIfExists(pwfile);
        Files.copy(passwordFile, pwfile);
        giveToOsUser(pwfile);
        giveToOsUser(cluster);
        log.info("Creating the database cluster in {}", cluster);
        try {
            run(List.of(bin("initdb"), "-D", cluster.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8",
                    "--no-instructions"), false);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /**
     * A previous process may have died without stopping its server, or left a lock file whose process is
     * gone. We hold jingzhun.lock, so no live Jingzhun owns our server: stop it. A pid that is not our
     * server (gone, or since reused, even by another cluster's PostgreSQL) must not be signalled: only
     * the stale lock file goes.
     */
    private void recoverFromEarlierRun() throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid = lines.isEmpty() ? -1 : parseLong(lines.getFirst().strip());
        if (pid > 0 && isServerOf(pid, cluster)) {
            log.warn("Stopping PostgreSQL (pid {}) left running by an earlier run", pid);
            stopServer();
            if (isServerOf(pid, cluster)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        if (Files.deleteIfExists(pidFile)) {
            log.warn("Removed the stale lock file {}", pidFile);
        }
    }

    /**
     * Whether the process is a live PostgreSQL server of this cluster, that is started with {@code -D cluster}
     * (as pg_ctl does). Read from /proc rather than ProcessHandle: the server belongs to another account (its
     * executable link may be unreadable), and a stopped server whose parent does not reap it lingers as a
     * zombie that ProcessHandle still calls alive.
     */
    static boolean isServerOf(long pid, Path cluster) {
        try {
            Path process = Path.of("/proc", Long.toString(pid));
            String stat = Files.readString(process.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return false;
            }
            List<String> args = List.of(Files.readString(process.resolve("cmdline")).split("\0"));
            int d = args.indexOf("-D");
            return args.getFirst().endsWith("postgres") && d > 0 && d + 1 < args.size()
                    && Files.isSameFile(Path.of(args.get(d + 1)), cluster);
        } catch (IOException | RuntimeException e) {
            return false; // gone
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Starts the server with our settings given on the command line rather than written to postgresql.conf,
     * which a crash could cut off: loopback TCP only, and no Unix socket (the path may be too long). pg_ctl
     * passes the -o string through /bin/sh, so {@code ''} arrives as an empty value.
     */
    private void startServer() throws IOException, InterruptedException {
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        int buffers = sharedBuffersMegabytes(physical);
        log.info("Starting the embedded PostgreSQL on 127.0.0.1:{} with data in {} and {} MB of shared buffers", port, cluster, buffers);
        run(List.of(bin("pg_ctl"), "start", "-D", cluster.toString(), "-w", "-t", "300", "-l", logFile().toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_wal_size=2GB"
                        + " -c shared_buffers=" + buffers + "MB"),
                false);
    }

    /**
     * The database's own cache: an eighth of the machine's memory, from PostgreSQL's default of 128 MB up to 2 GB.
     * The default held little of a large county's indexes: under the search load benchmark (a county of 280,000
     * households), searches waited on its buffers being swapped with the system's cache.
     */
    static int sharedBuffersMegabytes(long physicalBytes) {
        return (int) Math.clamp(physicalBytes / 8 / (1024 * 1024), 128, 2048);
    }

    /** Stops the server, if it runs (fast shutdown: open sessions are ended, committed data is kept). */
    private void stopServer() {
        run(List.of(bin("pg_ctl"), "stop", "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60"), true);
    }

    /**
     * Creates our database on the first start, and on any later start that a crash kept from doing so
     * (CREATE DATABASE is all or nothing).
     */
    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, password);
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                log.info("Creating the database {}", DATABASE);
                statement.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0 ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IOException("Cannot create the database " + DATABASE, e);
        }
    }

    /**
     * Creates the owner and the application's login role when missing (so that data directories installed before
     * them get them at their next start), keeps their attributes and passwords as they should be, and gives the
     * owner the database and whatever of the schema the bootstrap role still owns (installed data directories,
     * migrated as {@value #USER}). The privileges of the application's role come with the migrations.
     */
    private void ensureRoles() throws IOException {
        String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD '";
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, password);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (var role : List.of(Map.entry(OWNER, ownerPassword), Map.entry(APPLICATION, applicationPassword))) {
                boolean exists;
                try (ResultSet rs = statement.executeQuery("select 1 from pg_roles where rolname = '" + role.getKey() + "'")) {
                    exists = rs.next();
                }
                // The passwords are hex digits: nothing to escape.
                statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role.getKey() + attributes + role.getValue() + "'");
            }
            statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER);
            statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + APPLICATION);
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            // REASSIGN OWNED refuses the bootstrap role (it owns the system catalogs): move the schema's objects one by one.
            // A table takes its indexes, sequences it owns and row type along.
            statement.execute("""
                    DO $$
                    DECLARE
                        bootstrap oid := (select oid from pg_roles where rolname = '%1$s');
                        r record;
                    BEGIN
                        FOR r IN SELECT c.oid::regclass AS name,
                                        CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                             WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
                                   FROM pg_class c
                                  WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = bootstrap
                                    AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                                    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                             AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
                        LOOP
                            EXECUTE format('ALTER %%s %%s OWNER TO %2$s', r.kind, r.name);
                        END LOOP;
                        FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                                  WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = bootstrap
                        LOOP
                            EXECUTE format('ALTER ROUTINE %%s OWNER TO %2$s', r.name);
                        END LOOP;
                        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
                                  WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = bootstrap
                                    AND t.typtype IN ('e', 'd', 'r', 'm')
                        LOOP
                            EXECUTE format('ALTER TYPE %%s OWNER TO %2$s', r.name);
                        END LOOP;
                    END $$""".formatted(USER, OWNER));
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("Cannot set up the database roles " + OWNER + " and " + APPLICATION, e);
        }
    }

    private Path logFile() throws IOException, InterruptedException {
        Path logDir = dataDir.resolve("log");
        if (!Files.isDirectory(logDir)) {
            Files.createDirectories(logDir);
            giveToOsUser(logDir);
        }
        return logDir.resolve("postgres.log");
    }

    // --- processes and accounts ---------------------------------------------------------------------

    /** Runs a PostgreSQL program, as the unprivileged account when we are root; fails with its output. */
    private void run(List<String> command, boolean tolerateFailure) {
        List<String> full = new ArrayList<>();
        if (osUser != null) {
            full.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("jingzhun-pg-", ".out");
            try {
                Process process = new ProcessBuilder(full)
                        .directory(dataDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + String.join(" ", full));
                }
                if (process.exitValue() != 0 && !tolerateFailure) {
                    throw new IllegalStateException("PostgreSQL command failed (exit " + process.exitValue() + "): "
                            + String.join(" ", full) + "\n" + Files.readString(output) + logTail());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
        }
    }

    private String logTail() {
        Path logFile = dataDir.resolve("log/postgres.log");
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\nLast lines of " + logFile + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Whether this process runs as root, by its uid: user.name can be set with -Duser.name, and uid 0 need not
     * be called "root" (or have a name at all in a container).
     */
    static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")); // no /proc, or no unix attribute view
        }
    }

    /** Makes sure the account exists (a system account without login) and owns the given tree. */
    private void giveToOsUser(Path root) throws IOException, InterruptedException {
        if (osUser == null) {
            return;
        }
        ensureAccount(osUser);
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(osUser);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(osUser);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
    }

    private static void ensureAccount(String account) throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", account).start().waitFor() == 0) {
            return;
        }
        log.info("Creating the system account '{}' to run PostgreSQL, which refuses to run as root", account);
        Process useradd = new ProcessBuilder("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", account)
                .redirectErrorStream(true).start();
        String output = new String(useradd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (useradd.waitFor() != 0 && new ProcessBuilder("id", "-u", account).start().waitFor() != 0) {
            throw new IllegalStateException("Cannot create the account '" + account + "' for PostgreSQL: " + output);
        }
    }

    /** The account must be able to walk down to the data directory, or PostgreSQL fails obscurely later. */
    private static void requireReachable(Path dataDir, String account) throws IOException {
        for (Path dir = dataDir; dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            boolean ownedByAccount = Files.getOwner(dir).getName().equals(account);
            if (!ownedByAccount && !permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("The database account '" + account + "' cannot reach the data directory "
                        + dataDir + " because " + dir + " is closed to other users. Choose a data directory it can reach"
                        + " with JINGZHUN_DATA_DIR (when run as root the default is /var/lib/jingzhun).");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The password kept in the file (readable by this process's account only), made on first use. */
    private static String privatePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            writePrivate(file, HexFormat.of().formatHex(random));
        }
        return Files.readString(file).strip();
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
