package org.jingzhun.interchange.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jingzhun.interchange.FileFormat;
import org.jingzhun.platform.DomainException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Downloads streamed to the browser as they are written, named so that a saved file opens in a spreadsheet. */
final class FileResponses {

    private FileResponses() {
    }

    static FileFormat format(String text) {
        try {
            return FileFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid(java.util.List.of(new DomainException.FieldProblem("format", "unknown",
                    "export.format.unknown", String.valueOf(text))));
        }
    }

    static ResponseEntity<StreamingResponseBody> download(String name, FileFormat format, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "." + format.extension, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(format.mediaType))
                .body(body);
    }
}
