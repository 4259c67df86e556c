package org.jingzhun.interchange.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jingzhun.interchange.FileFormat;
import org.jingzhun.interchange.HouseholdExports;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.ImportProblem;
import org.jingzhun.interchange.RefusedRow;
import org.jingzhun.platform.Page;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Imports and exports", description = "Household files in and out: templates, background imports with their reports, exports")
class ImportApi {

    private final HouseholdImports imports;
    private final HouseholdExports exports;

    ImportApi(HouseholdImports imports, HouseholdExports exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Starts the import of a household file (CSV or XLSX, one row per member); 202 with the job to poll")
    ResponseEntity<ImportJob> start(@RequestParam("file") MultipartFile file,
                                    @RequestParam(defaultValue = "VALID_ROWS") ImportJob.Mode mode,
                                    @RequestParam(defaultValue = "AUTO") String charset) throws IOException {
        ImportJob job = imports.start(file.getOriginalFilename(), file.getInputStream(), mode, charset);
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job);
    }

    @GetMapping("/api/v1/imports")
    @Operation(summary = "The caller's latest imports, newest first: their counts, never their problems (those are paged)")
    List<ImportJob> recent() {
        return imports.recent();
    }

    @GetMapping("/api/v1/imports/{id}")
    @Operation(summary = "An import's status, progress and result; 404 for someone else's")
    ImportJob job(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/api/v1/imports/{id}/problems")
    @Operation(summary = "The problems of an import's rows, a page at a time: row number, column, code and message key with its arguments")
    Page<ImportProblem> problems(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "100") int size) {
        return imports.problems(id, page, size);
    }

    @GetMapping("/api/v1/imports/{id}/refused-rows")
    @Operation(summary = "The refused rows of an import as in the file, a page at a time, each with its problems")
    Page<RefusedRow> refusedRows(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "100") int size) {
        return imports.refusedRows(id, page, size);
    }

    @GetMapping("/api/v1/imports/{id}/refused")
    @Operation(summary = "The refused rows as in the file, with their problems in a last column: to fix and upload again")
    ResponseEntity<StreamingResponseBody> refused(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
                                                  Locale locale) {
        imports.get(id);
        FileFormat fileFormat = FileResponses.format(format);
        return FileResponses.download("refused-rows-" + id, fileFormat, out -> imports.writeRefusedRows(id, fileFormat, locale, out));
    }

    @GetMapping("/api/v1/imports/template")
    @Operation(summary = "The import template, headers in the request's language; a workbook adds a sheet explaining each column")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "xlsx") String format, Locale locale) {
        FileFormat fileFormat = FileResponses.format(format);
        return FileResponses.download("households-template", fileFormat, out -> imports.writeTemplate(fileFormat, locale, out));
    }

    @GetMapping("/api/v1/households/export")
    @Operation(summary = "The households a search finds, as CSV or XLSX, members included; ID numbers and bank accounts masked for roles that do not work on the records")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "") String area,
                                                 @RequestParam(defaultValue = "") String name,
                                                 @RequestParam(defaultValue = "") String idNumber,
                                                 @RequestParam(required = false) Household.Status status,
                                                 @RequestParam(defaultValue = "") String cause,
                                                 @RequestParam(required = false) Integer incomeYear,
                                                 @RequestParam(required = false) BigDecimal incomeMin,
                                                 @RequestParam(required = false) BigDecimal incomeMax,
                                                 @RequestParam(defaultValue = "csv") String format,
                                                 @RequestParam(required = false) String externalRef, Locale locale) {
        FileFormat fileFormat = FileResponses.format(format);
        Households.Query query = new Households.Query(area, name, idNumber, status, cause, incomeYear, incomeMin, incomeMax, 0, 1,
                externalRef);
        return FileResponses.download("households", fileFormat, out -> exports.export(query, fileFormat, locale, out));
    }
}
