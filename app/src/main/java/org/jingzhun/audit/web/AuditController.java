package org.jingzhun.audit.web;

import java.time.LocalDate;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.audit.AuditTrail.AuditQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page searching the audit trail by area, user, entity and dates. */
@Controller
class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(@RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "") String user,
                @RequestParam(defaultValue = "") String entity, @RequestParam(defaultValue = "") String entityId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model) {
        model.addAttribute("query", new AuditQuery(area, user, entity, entityId, from, to, 200));
        model.addAttribute("events", audit.search(new AuditQuery(area, user, entity, entityId, from, to, 200)));
        return "audit/search";
    }
}
