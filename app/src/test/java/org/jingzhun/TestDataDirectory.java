package org.jingzhun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test a fresh data directory under {@code /tmp/jingzhun-test} (reachable by the database's
 * unprivileged account when the tests run as root), and removes those of earlier runs.
 *
 * <p>Each test JVM puts its directories in one run folder {@code run-<uuid>} and holds the lock on its
 * {@code run.lock} while it lives, so that another build running at the same time removes only the run
 * folders of JVMs that are gone.
 */
public class TestDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The password of the first administrator "admin" in tests. */
    public static final String ADMIN_PASSWORD = "Admin-Test-Password-1";
    public static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "jingzhun-test");
    private static Path run;
    /** Held until the JVM exits; kept here so that it is never collected and closed. */
    private static FileLock runLock;
    private static Path current;

    /** A new empty directory for this run, under {@link #ROOT}, named with a prefix. */
    public static synchronized Path fresh(String prefix) {
        try {
            // createDirectories, not createTempDirectory: that is closed to other users (mode 700).
            Path dir = runFolder().resolve(prefix + "-" + UUID.randomUUID());
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        synchronized (TestDataDirectory.class) {
            if (current == null) {
                current = fresh("app");
            }
        }
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("testDataDirectory", Map.of("jingzhun.data-dir", current.toString(),
                        "jingzhun.admin-password", ADMIN_PASSWORD)));
    }

    /**
     * This JVM's run folder, made (after removing those of earlier runs) on first use. Both happen under
     * {@code cleanup.lock}, so that no other JVM sees our run folder before we hold its run.lock.
     */
    private static Path runFolder() throws IOException {
        if (run == null) {
            Files.createDirectories(ROOT);
            try (FileChannel cleanup = FileChannel.open(ROOT.resolve("cleanup.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = cleanup.lock()) {
                removeAbandoned();
                Path dir = ROOT.resolve("run-" + UUID.randomUUID());
                Files.createDirectories(dir);
                runLock = FileChannel.open(dir.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                        .lock();
                run = dir;
            }
        }
        return run;
    }

    /** Removes the run folders whose JVM is gone, that is whose run.lock nobody holds. */
    private static void removeAbandoned() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("run-")).toList()) {
                if (!inUse(dir)) {
                    try {
                        deleteTree(dir);
                    } catch (IOException | UncheckedIOException e) {
                        // a server of a killed run may still be writing; the next run tries again
                    }
                }
            }
        }
    }

    private static boolean inUse(Path runFolder) {
        try (FileChannel channel = FileChannel.open(runFolder.resolve("run.lock"), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (NoSuchFileException e) {
            return false; // its JVM died before taking the lock (it takes it under cleanup.lock, which we hold)
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }

    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
