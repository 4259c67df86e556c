package org.jingzhun.platform.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.table.StagedImports;
import org.jingzhun.platform.table.TableImport;
import org.jingzhun.platform.table.TableRows;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The result of a staged import and its refused rows to download, for the user who imported (or a national administrator). */
@RestController
@Tag(name = "Table imports")
class TableImportApi {

    private final StagedImports imports;

    TableImportApi(StagedImports imports) {
        this.imports = imports;
    }

    @GetMapping("/api/v1/table-imports/{id}")
    @Operation(summary = "What a staged import did (rows read, valid, written, refused) and its first refused rows with their"
            + " problems; 404 for another user's")
    TableImport get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/api/v1/table-imports/{id}/refused")
    @Operation(summary = "The refused rows of a staged import as in the file, with their problems in a last column, as csv"
            + " or xlsx: to fix and upload again")
    ResponseEntity<StreamingResponseBody> refused(@PathVariable long id, @RequestParam(defaultValue = "csv") String format) {
        TableRows.Format chosen;
        try {
            chosen = TableRows.Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("format", "unknown",
                    "export.format.unknown", format)));
        }
        imports.get(id); // refused before the download begins
        Locale locale = LocaleContextHolder.getLocale();
        boolean xlsx = chosen == TableRows.Format.XLSX;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("refused-rows-" + id + (xlsx ? ".xlsx" : ".csv")).build().toString())
                .contentType(xlsx ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out -> imports.writeRefusedRows(id, chosen, locale, out));
    }
}
