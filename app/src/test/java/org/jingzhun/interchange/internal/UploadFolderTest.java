package org.jingzhun.interchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep at start: what a killed run left goes, what a job still running uses stays. */
class UploadFolderTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theSweepRemovesTheUploadsAndSpilledStringsOfJobsNoLongerRunAndKeepsThoseOfRunningJobs() throws Exception {
        UploadFolder folder = new UploadFolder(dataDirectory.resolve("imports"));
        Path running = folder.newUpload();
        Path abandoned = folder.newUpload();
        Path runningStrings = Files.createFile(running.resolveSibling(running.getFileName() + ".shared-strings-1.tmp"));
        Path abandonedStrings = Files.createFile(abandoned.resolveSibling(abandoned.getFileName() + ".shared-strings-2.tmp"));
        Path abandonedIndex = Files.createFile(abandoned.resolveSibling(abandoned.getFileName() + ".shared-strings-index-3.tmp"));

        assertThat(folder.sweep(Set.of(running.toAbsolutePath()))).isEqualTo(3);

        try (Stream<Path> left = Files.list(folder.directory())) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("instance", running.getFileName().toString(), runningStrings.getFileName().toString());
        }
        assertThat(abandonedStrings).doesNotExist();
        assertThat(abandonedIndex).doesNotExist();
    }

    /**
     * The data directory the upload folder makes on a fresh machine keeps the usual permissions: made owner-only, it
     * was closed to the database's account, and the first start as root was refused.
     */
    @Test
    void theDataDirectoryItMakesStaysOpenToTheDatabasesAccount() throws Exception {
        Path data = dataDirectory.resolve("fresh").resolve("data");
        UploadFolder folder = new UploadFolder(data.resolve("imports"));
        Path usual = Files.createDirectory(dataDirectory.resolve("usual"));
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(Files.getPosixFilePermissions(usual));
        assertThat(Files.getPosixFilePermissions(folder.directory()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
