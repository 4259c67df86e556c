package org.jingzhun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
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
 * Gives each test run a fresh data directory under {@code /tmp/jingzhun-test} (reachable by the database's
 * unprivileged account when the tests run as root), and removes those of earlier runs that no process holds.
 */
public class TestDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The password of the first administrator "admin" in tests. */
    public static final String ADMIN_PASSWORD = "Admin-Test-Password-1";
    public static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "jingzhun-test");
    private static Path current;
    private static boolean earlierRunsRemoved;

    /** A new empty directory for this run, under {@link #ROOT}, named with a prefix. */
    public static synchronized Path fresh(String prefix) {
        try {
            if (!earlierRunsRemoved) {
                removeAbandoned();
                earlierRunsRemoved = true;
            }
            Path dir = ROOT.resolve(prefix + "-" + UUID.randomUUID());
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

    private static void removeAbandoned() throws IOException {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.toList()) {
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

    private static boolean inUse(Path dir) {
        Path lockFile = dir.resolve("jingzhun.lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
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
