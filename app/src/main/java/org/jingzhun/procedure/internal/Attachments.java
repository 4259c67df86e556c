package org.jingzhun.procedure.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jingzhun.procedure.Procedures;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Photos and scans attached to steps, kept in the database: JPEG, PNG or PDF told by their first bytes (not
 * their name), at most {@link #MAX_SIZE} bytes.
 */
@Component
class Attachments {

    static final int MAX_SIZE = 5 * 1024 * 1024;

    private final JdbcClient jdbc;

    Attachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses, as invalid input of the field "attachment", a file that is empty, too large or of another type. */
    static void check(Procedures.Upload upload) {
        if (upload.content() == null || upload.content().length == 0) {
            throw invalid("procedure.attachment.empty");
        }
        if (upload.content().length > MAX_SIZE) {
            throw invalid("procedure.attachment.size", MAX_SIZE / 1024 / 1024);
        }
        if (contentType(upload.content()) == null) {
            throw invalid("procedure.attachment.type");
        }
    }

    /** Stores a checked file for the area of the subjects it documents. */
    long store(Procedures.Upload upload, String areaCode) {
        check(upload);
        String name = upload.fileName() == null || upload.fileName().isBlank() ? "attachment"
                : upload.fileName().replaceAll(".*[/\\\\]", "").strip();
        try {
            return jdbc.sql("""
                    insert into attachment (file_name, content_type, size, sha256, content, area_code, county_code, uploaded_by)
                    values (:name, :type, :size, :sha256, :content, :area, area_county(:area), :by) returning id""")
                    .param("name", name.length() > 255 ? name.substring(name.length() - 255) : name)
                    .param("type", contentType(upload.content())).param("size", upload.content().length)
                    .param("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload.content())))
                    .param("content", upload.content()).param("area", areaCode).param("by", Caller.required().login())
                    .query(Long.class).single();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attachment inside the caller's areas. */
    Procedures.Attachment get(long id) {
        Caller.Restriction scope = Caller.required().restrict("area_code", "scope", "county_code");
        return jdbc.sql("select id, file_name, content_type, content from attachment where id = :id and " + scope.sql())
                .params(scope.parameters()).param("id", id)
                .query((rs, i) -> new Procedures.Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.attachment.not-found", id));
    }

    /** The type a file's first bytes tell, or null when it is none of those taken. */
    static String contentType(byte[] content) {
        if (starts(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(content, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        return null;
    }

    private static boolean starts(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static DomainException invalid(String key, Object... args) {
        return DomainException.invalid(List.of(new DomainException.FieldProblem("attachment", "invalid", key, args)));
    }
}
