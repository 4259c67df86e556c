package org.jingzhun.audit.web;

import java.time.LocalDate;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.audit.AuditTrail.AuditQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page searching the audit trail by area, user, entity and dates, a page at a time, saying how many match. */
@Controller
class AuditController {

    /** Rows to a page: a page of changes with their fields stays readable and quick to load. */
    static final int PAGE_SIZE = 50;

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(@RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "") String user,
                @RequestParam(defaultValue = "") String entity, @RequestParam(defaultValue = "") String entityId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(defaultValue = "0") int page, Model model) {
        AuditQuery query = new AuditQuery(area, user, entity, entityId, from, to, PAGE_SIZE);
        AuditTrail.AuditPage found = audit.search(query, page);
        model.addAttribute("query", query);
        model.addAttribute("found", found);
        model.addAttribute("events", found.events());
        return "audit/search";
    }
}
