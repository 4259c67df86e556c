package org.jingzhun.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU time spent so far by the application, its database and this load generator, read from Linux's
 * {@code /proc}: so that a measure says which of the three shared cores went where. The database's time is its
 * postmaster's and its children's, those ended included (the kernel adds a reaped child's time to its parent's), so
 * that autovacuum workers and checkpoints count. Empty where {@code /proc} is not there.
 */
record CpuSpent(double application, double database, double generator) {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

    /** The times now, of the application's process and of the database whose data directory is given. */
    static Optional<CpuSpent> now(long applicationPid, Path pgdata) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).getFirst().strip());
            double database = seconds(postmaster, true);
            try (var children = Files.lines(Path.of("/proc", Long.toString(postmaster), "task", Long.toString(postmaster), "children"))) {
                for (String child : children.flatMap(line -> java.util.Arrays.stream(line.strip().split("\\s+"))).filter(s -> !s.isEmpty()).toList()) {
                    database += seconds(Long.parseLong(child), false);
                }
            }
            double generator = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            return Optional.of(new CpuSpent(seconds(applicationPid, false), database, generator));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** User and system seconds of a process (and of its ended children). A process gone meanwhile counts nothing. */
    private static double seconds(long pid, boolean withEndedChildren) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withEndedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** What was spent between {@code before} and this, per request, and how busy that kept the machine's cores. */
    String since(CpuSpent before, long requests, double seconds) {
        double app = application - before.application;
        double db = database - before.database;
        double gen = generator - before.generator;
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "CPU in the measure: application %.1f s, database %.1f s, load generator %.1f s"
                        + " (per request %.2f, %.2f and %.2f ms); %.0f %% of the %d cores", app, db, gen,
                1000 * app / Math.max(1, requests), 1000 * db / Math.max(1, requests), 1000 * gen / Math.max(1, requests),
                100 * (app + db + gen) / (seconds * cores), cores);
    }
}
