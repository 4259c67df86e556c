package org.jingzhun.interchange.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

import org.jingzhun.platform.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where uploads wait for their import: {@code imports/} in the data directory, open to this process's account
 * only (0700, each file 0600), since they hold names and ID numbers. An upload goes when its job stops; what a
 * crash left behind goes at the next start. The folder also names this instance, so that a queue shared by
 * several instances gives each job to the one holding its file.
 */
@Component
class UploadFolder {

    private static final Logger log = LoggerFactory.getLogger(UploadFolder.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final String SUFFIX = ".upload";

    private final Path directory;
    private final String instance;

    @Autowired
    UploadFolder(@Value("${jingzhun.data-dir:}") String dataDir) {
        this(DataDirectory.resolve(dataDir).resolve("imports"));
    }

    UploadFolder(Path directory) {
        this.directory = directory;
        try {
            // The data directory above it is made with the usual permissions: as root, the database's own account must
            // reach it (given to all new directories, owner-only closed a fresh machine's data directory to it).
            Files.createDirectories(directory.toAbsolutePath().getParent());
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // An existing folder (an older version, or made by hand) is closed too; the umask may have widened a new one.
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
            Path named = directory.resolve("instance");
            if (!Files.exists(named)) {
                Files.writeString(named, UUID.randomUUID().toString());
            }
            this.instance = Files.readString(named).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the upload folder " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The instance whose disk holds these uploads: the same across restarts on this data directory. */
    String instance() {
        return instance;
    }

    /** A new empty file for an upload, readable and writable by this process's account only. */
    Path newUpload() throws IOException {
        return Files.createTempFile(directory, "upload-", SUFFIX, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
    }

    void delete(String path) {
        if (path == null || path.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            log.warn("Could not delete the upload {}: {}", path, e.getMessage());
        }
    }

    /**
     * Removes every upload but those kept (the jobs this process still runs), and the files a workbook's reading spilled
     * beside an upload that is not kept: what a stop cut short left behind.
     */
    int sweep(Set<Path> kept) {
        int removed = 0;
        Set<String> keptNames = new java.util.HashSet<>();
        kept.forEach(path -> keptNames.add(path.getFileName().toString()));
        try (DirectoryStream<Path> uploads = Files.newDirectoryStream(directory, "{*" + SUFFIX + ",*" + SUFFIX + ".*.tmp}")) {
            for (Path upload : uploads) {
                String name = upload.getFileName().toString();
                String owner = name.endsWith(SUFFIX) ? name : name.substring(0, name.indexOf(SUFFIX) + SUFFIX.length());
                if (!keptNames.contains(owner)) {
                    Files.deleteIfExists(upload);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("Could not clear the upload folder {}: {}", directory, e.getMessage());
        }
        return removed;
    }
}
