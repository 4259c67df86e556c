package org.jingzhun.registry.web;

import java.math.BigDecimal;
import java.util.Map;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The household pages: search and list, one household with its history, the form, and the handbook. */
@Controller
class HouseholdPagesController {

    static final int PAGE_SIZE = 50;

    private final Households households;
    private final AuditTrail audit;
    private final ProblemMessages problemMessages;
    private final org.jingzhun.area.Areas areas;
    private final org.springframework.context.MessageSource messages;

    HouseholdPagesController(Households households, AuditTrail audit, ProblemMessages problemMessages,
                             org.jingzhun.area.Areas areas, org.springframework.context.MessageSource messages) {
        this.areas = areas;
        this.messages = messages;
        this.households = households;
        this.audit = audit;
        this.problemMessages = problemMessages;
    }

    @GetMapping("/households")
    String list(@RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "") String name,
                @RequestParam(defaultValue = "") String idNumber, @RequestParam(required = false) Household.Status status,
                @RequestParam(defaultValue = "") String cause, @RequestParam(required = false) Integer incomeYear,
                @RequestParam(required = false) BigDecimal incomeMin, @RequestParam(required = false) BigDecimal incomeMax,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "") String externalRef,
                @RequestParam(defaultValue = "village") String sort, Model model, java.util.Locale locale,
                jakarta.servlet.http.HttpServletRequest request) {
        Households.Query query = new Households.Query(area, name, idNumber, status, cause, incomeYear, incomeMin, incomeMax,
                page, PAGE_SIZE, externalRef, Households.SORTS.contains(sort) ? sort : "village");
        model.addAttribute("query", query);
        model.addAttribute("sorts", Households.SORTS);
        // The title says what is listed: the area's name (its whole path) and the status asked for.
        String areaName = null;
        if (area.strip().matches("\\d{2,12}")) {
            areaName = areas.findAll(java.util.List.of(area.strip())).values().stream().map(org.jingzhun.area.Area::fullName)
                    .findFirst().orElse(null);
        }
        model.addAttribute("areaName", areaName);
        Households.Page result;
        try {
            result = households.search(query);
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("problems", problemMessages.all(e));
            result = new Households.Page(java.util.List.of(), 0, PAGE_SIZE, false);
        }
        model.addAttribute("result", result);
        model.addAttribute("rows", HouseholdListRows.html(result.households(), messages, locale, request.getContextPath()));
        model.addAttribute("statuses", Household.Status.values());
        model.addAttribute("causes", households.causes());
        return "registry/list";
    }

    @GetMapping("/households/{id}")
    String household(@PathVariable long id, Model model) {
        Household household = households.get(id);
        model.addAttribute("household", household);
        model.addAttribute("history", audit.history("household", Long.toString(id)));
        model.addAttribute("memberHistory", households.memberHistory(id));
        model.addAttribute("causes", causeNames());
        // The households it split out of or merged into, named by their heads where the reader may see them.
        Map<Long, String> linked = new java.util.HashMap<>();
        for (Long other : java.util.Arrays.asList(household.formedFrom(), household.mergedInto())) {
            if (other != null) {
                try {
                    linked.put(other, households.get(other).headName());
                } catch (DomainException e) {
                    if (e.kind() != DomainException.Kind.NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
        model.addAttribute("linked", linked);
        return "registry/household";
    }

    /** What the split and merge forms send. */
    public static class MembersChangeForm {
        private java.util.List<String> idNumbers = new java.util.ArrayList<>();
        private String head = "";
        private String remainingHead = "";
        private String into = "";
        private String day = "";
        private String note = "";
        private int version;

        public java.util.List<String> getIdNumbers() { return idNumbers; }
        public void setIdNumbers(java.util.List<String> idNumbers) { this.idNumbers = idNumbers == null ? new java.util.ArrayList<>() : idNumbers; }
        public String getHead() { return head; }
        public void setHead(String head) { this.head = head == null ? "" : head; }
        public String getRemainingHead() { return remainingHead; }
        public void setRemainingHead(String remainingHead) { this.remainingHead = remainingHead == null ? "" : remainingHead; }
        public String getInto() { return into; }
        public void setInto(String into) { this.into = into == null ? "" : into; }
        public String getDay() { return day; }
        public void setDay(String day) { this.day = day == null ? "" : day; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note == null ? "" : note; }
        public int getVersion() { return version; }
        public void setVersion(int version) { this.version = version; }
    }

    @GetMapping("/households/{id}/members")
    String membersChange(@PathVariable long id, Model model) {
        Household household = households.get(id);
        MembersChangeForm form = new MembersChangeForm();
        form.setVersion(household.version());
        return membersChange(model, household, form, null, Map.of());
    }

    @PostMapping("/households/{id}/split")
    String split(@PathVariable long id, @ModelAttribute("form") MembersChangeForm form, Model model, RedirectAttributes redirect) {
        Household household = households.get(id);
        try {
            Household formed = households.split(id, form.getVersion(),
                    new Households.Split(form.getIdNumbers(), form.getHead(), form.getDay(), form.getRemainingHead()), form.getNote());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/households/" + formed.id();
        } catch (DomainException e) {
            return membersRefused(e, model, household, form, "split");
        }
    }

    @PostMapping("/households/{id}/merge")
    String merge(@PathVariable long id, @ModelAttribute("form") MembersChangeForm form, Model model, RedirectAttributes redirect) {
        Household household = households.get(id);
        try {
            // The household joined, found by the ID number of one of its members (what an office has at hand).
            long into = form.getInto().isBlank() ? -1 : households.search(new Households.Query(null, null, form.getInto().strip(),
                    null, null, null, null, null, 0, 1)).households().stream().mapToLong(h -> h.id()).findFirst().orElse(-1);
            households.merge(id, form.getVersion(), into, form.getDay(), form.getNote());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/households/" + id;
        } catch (DomainException e) {
            return membersRefused(e, model, household, form, "merge");
        }
    }

    private String membersRefused(DomainException e, Model model, Household household, MembersChangeForm form, String action) {
        if (e.kind() == DomainException.Kind.NOT_FOUND || e.kind() == DomainException.Kind.FORBIDDEN) {
            throw e;
        }
        model.addAttribute("summary", problemMessages.summary(e));
        return membersChange(model, household, form, action, problemMessages.byField(e));
    }

    private String membersChange(Model model, Household household, MembersChangeForm form, String action,
                                 Map<String, String> problems) {
        model.addAttribute("household", household);
        model.addAttribute("form", form);
        model.addAttribute("action", action);
        model.addAttribute("problems", problems);
        return "registry/members";
    }

    @GetMapping("/households/{id}/handbook")
    String handbook(@PathVariable long id, Model model) {
        model.addAttribute("household", households.get(id));
        model.addAttribute("causes", causeNames());
        return "registry/handbook";
    }

    @GetMapping("/households/new")
    String newHousehold(@RequestParam(defaultValue = "") String village, Model model) {
        HouseholdPageForm form = HouseholdPageForm.empty();
        form.setVillageCode(village);
        return form(model, null, form, Map.of());
    }

    @GetMapping("/households/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Household household = households.get(id);
        return form(model, household, HouseholdPageForm.of(household), Map.of());
    }

    @PostMapping("/households")
    String create(@ModelAttribute("form") HouseholdPageForm form, Model model, RedirectAttributes redirect) {
        form.withSpareRows();
        try {
            Household created = households.create(form.household(), form.getReason());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/households/" + created.id();
        } catch (DomainException e) {
            return refused(e, model, null, form);
        }
    }

    @PostMapping("/households/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") HouseholdPageForm form, Model model,
                  RedirectAttributes redirect) {
        Household household = households.get(id);
        form.withSpareRows();
        try {
            households.update(id, form.getVersion(), form.household(), form.getReason());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/households/" + id;
        } catch (DomainException e) {
            return refused(e, model, household, form);
        }
    }

    private String refused(DomainException e, Model model, Household household, HouseholdPageForm form) {
        if (e.kind() == DomainException.Kind.NOT_FOUND || e.kind() == DomainException.Kind.FORBIDDEN) {
            throw e;
        }
        model.addAttribute("summary", problemMessages.summary(e));
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        problemMessages.byField(e).forEach((field, text) -> problems.merge(form.pageField(field), text, (a, b) -> a + " " + b));
        return form(model, household, form, problems);
    }

    private String form(Model model, Household household, HouseholdPageForm form, Map<String, String> problems) {
        model.addAttribute("household", household);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("causes", households.causes());
        model.addAttribute("categories", Household.Category.values());
        model.addAttribute("relations", org.jingzhun.registry.Member.Relation.values());
        model.addAttribute("healths", org.jingzhun.registry.Member.Health.values());
        model.addAttribute("housingGrades", Household.HOUSING_GRADES);
        model.addAttribute("educations", org.jingzhun.registry.Member.EDUCATION);
        model.addAttribute("schoolings", org.jingzhun.registry.Member.SCHOOLING);
        model.addAttribute("workAbilities", org.jingzhun.registry.Member.WORK_ABILITY);
        model.addAttribute("leaveReasons", org.jingzhun.registry.Member.LEAVES_ALONE);
        model.addAttribute("joinReasons", org.jingzhun.registry.Member.JOINS_ALONE);
        // Rows beyond the bound are not offered: the members who stay and join, plus those on record who may leave.
        model.addAttribute("maxMembers", org.jingzhun.registry.HouseholdForm.MAX_MEMBERS);
        model.addAttribute("maxMemberRows", org.jingzhun.registry.HouseholdForm.MAX_MEMBERS
                + (household == null ? 0 : household.members().size()));
        return "registry/form";
    }

    private Map<String, org.jingzhun.registry.PovertyCause> causeNames() {
        Map<String, org.jingzhun.registry.PovertyCause> names = new java.util.LinkedHashMap<>();
        households.causes().forEach(cause -> names.put(cause.code(), cause));
        return names;
    }
}
