package org.jingzhun.identification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Publicity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What anyone may read and file without signing in: the lists in publicity, the announcements, objections. */
@RestController
@Tag(name = "Public", description = "Publicity lists, announcements and objections, open to the public")
class PublicApi {

    private final Publicity publicity;

    PublicApi(Publicity publicity) {
        this.publicity = publicity;
    }

    @GetMapping("/api/v1/public/notices")
    @Operation(summary = "Households and villages in publicity today and announced in the last year, inside a county, township"
            + " or village; ID numbers masked")
    Publicity.Notices notices(@RequestParam String area, @RequestParam(defaultValue = "0") int page) {
        return publicity.notices(area, page);
    }

    /**
     * An objection from the public: the subject, the grounds, optionally a name and a contact, and during a flood
     * the answer to a challenge from {@code GET /api/v1/public/objections/challenge}.
     */
    record PublicObjection(Procedure procedure, long subjectId, String text, String name, String contact, String challenge,
                           String nonce) {
    }

    /** What the public is told of its objection: that it was received, and when. */
    record Received(long id, java.time.OffsetDateTime filedAt) {
    }

    @GetMapping("/api/v1/public/objections/challenge")
    @Operation(summary = "A challenge for the next objection: find a nonce (decimal digits) such that SHA-256 of"
            + " challenge + ':' + nonce begins with `bits` zero bits; `required` says whether filings need it now (during a flood)")
    Objection.Challenge challenge() {
        return publicity.challenge();
    }

    @PostMapping("/api/v1/public/objections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Files an objection to a household or village in publicity; five an hour from one address (429 beyond);"
            + " during a flood with the answer to a challenge (400 naming the field proof without it)")
    Received object(@RequestBody PublicObjection objection, HttpServletRequest request) {
        Objection filed = publicity.object(objection.procedure(), objection.subjectId(),
                new Objection.Form(objection.text(), objection.name(), objection.contact()), request.getRemoteAddr(),
                new Objection.Proof(objection.challenge(), objection.nonce()));
        return new Received(filed.id(), filed.filedAt());
    }
}
