package org.jingzhun.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.StringUtils;

/**
 * Where Jingzhun keeps what lives on disk: {@code jingzhun.data-dir} (or the environment variable
 * {@code JINGZHUN_DATA_DIR}), else {@code ~/.jingzhun}. The embedded database lives there, and so do files a
 * feature keeps for a while, such as uploads waiting for their import.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /**
     * The configured directory, else {@code ~/.jingzhun}. A root process uses {@code /var/lib/jingzhun}
     * instead: root's home is closed to the unprivileged account that runs PostgreSQL.
     */
    public static Path resolve(String configured) {
        if (StringUtils.hasText(configured)) {
            return Path.of(configured).toAbsolutePath();
        }
        return runsAsRoot()
                ? Path.of("/var/lib/jingzhun")
                : Path.of(System.getProperty("user.home"), ".jingzhun");
    }

    /**
     * Whether this process runs as root, by its uid: user.name can be set with -Duser.name, and uid 0 need not
     * be called "root" (or have a name at all in a container).
     */
    public static boolean runsAsRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")); // no /proc, or no unix attribute view
        }
    }
}
