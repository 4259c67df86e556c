package org.jingzhun.platform.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.platform.Page;
import org.jingzhun.platform.RefusalLists;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The whole list of a long refusal's problems, kept a day for the user it was given to. */
@RestController
@Tag(name = "Refusals")
class RefusalApi {

    private final RefusalLists refusals;

    RefusalApi(RefusalLists refusals) {
        this.refusals = refusals;
    }

    @GetMapping("/api/v1/refusals/{id}/problems")
    @Operation(summary = "Every problem of a refusal that named more than it showed (its refusalId), a page at a time; "
            + "404 for another user's and after a day")
    Page<RefusalLists.Problem> problems(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "100") int size) {
        return refusals.problems(id, page, size);
    }

    @GetMapping("/api/v1/refusals/{id}/problems.csv")
    @Operation(summary = "Every problem of such a refusal as CSV: number, field, code, message")
    ResponseEntity<StreamingResponseBody> download(@PathVariable UUID id) {
        refusals.problems(id, 0, 1); // refused before the download begins
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("problems-" + id + ".csv").build().toString())
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out -> refusals.writeCsv(id, out));
    }
}
