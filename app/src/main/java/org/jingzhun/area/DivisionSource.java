package org.jingzhun.area;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * An edition of the national division codes: five CSV files (gzipped or plain) named as in
 * {@code data/divisions/}, in a directory or on the classpath ({@code classpath:divisions/}).
 */
public final class DivisionSource {

    /** The files of an edition, from the provinces down, with the column naming each row's parent. */
    public enum DivisionFile {
        PROVINCES("provinces", AreaLevel.PROVINCE, null),
        PREFECTURES("cities", AreaLevel.PREFECTURE, "provinceCode"),
        COUNTIES("areas", AreaLevel.COUNTY, "cityCode"),
        TOWNSHIPS("streets", AreaLevel.TOWNSHIP, "areaCode"),
        VILLAGES("villages", AreaLevel.VILLAGE, "streetCode");

        private final String baseName;
        private final AreaLevel level;
        private final String parentColumn;

        DivisionFile(String baseName, AreaLevel level, String parentColumn) {
            this.baseName = baseName;
            this.level = level;
            this.parentColumn = parentColumn;
        }

        public AreaLevel level() {
            return level;
        }

        public String parentColumn() {
            return parentColumn;
        }
    }

    private final String location;
    private final ResourceLoader resources = new DefaultResourceLoader();

    private DivisionSource(String location) {
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** An edition at a Spring resource location: {@code classpath:divisions/} or {@code file:/path/}. */
    public static DivisionSource at(String location) {
        return new DivisionSource(location);
    }

    /** An edition in a directory. */
    public static DivisionSource in(Path directory) {
        return new DivisionSource(directory.toAbsolutePath().toUri().toString());
    }

    public String location() {
        return location;
    }

    /** The name under which the file exists: {@code villages.csv.gz} or {@code villages.csv}. */
    public String fileName(DivisionFile file) {
        return resource(file).getFilename();
    }

    /** The file's bytes, decompressed when gzipped. */
    public InputStream open(DivisionFile file) throws IOException {
        Resource resource = resource(file);
        InputStream in = resource.getInputStream();
        return resource.getFilename().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** A digest of the five files as stored, to tell whether this edition is the one loaded last. */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DivisionFile file : DivisionFile.values()) {
                try (InputStream in = new DigestInputStream(resource(file).getInputStream(), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the division files at " + location, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Resource resource(DivisionFile file) {
        for (String name : List.of(file.baseName + ".csv.gz", file.baseName + ".csv")) {
            Resource resource = resources.getResource(location + name);
            if (resource.exists()) {
                return resource;
            }
        }
        throw new UncheckedIOException(new IOException(
                "Missing division file " + file.baseName + ".csv.gz (or .csv) in " + location));
    }

    @Override
    public String toString() {
        return location;
    }

}
