package org.jingzhun.audit.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.audit.AuditEvent;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.audit.AuditTrail.AuditQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail as JSON. */
@RestController
@Tag(name = "Audit trail", description = "Every change, who made it and why")
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "Changes inside the caller's areas, newest first; dates are inclusive days (Beijing time)")
    List<AuditEvent> search(@RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "") String user,
                            @RequestParam(defaultValue = "") String entity, @RequestParam(defaultValue = "") String entityId,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(defaultValue = "100") int limit) {
        return audit.search(new AuditQuery(area, user, entity, entityId, from, to, limit));
    }
}
