package org.jingzhun.identification.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.ProvinceAverages;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.identification.VillageFigures;
import org.jingzhun.identification.VillageIdentification;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's identification pages: rounds, a round's applications with the step of their stage for a whole
 * list, one application with its record and objections, and the villages' assessment and cases. A refused
 * action comes back to its page with every problem named.
 */
@Controller
class IdentificationPagesController {

    static final int PAGE_SIZE = 100;

    private final HouseholdIdentification households;
    private final VillageIdentification villages;
    private final Publicity publicity;
    private final Households registry;
    private final ProblemMessages messages;
    private final java.time.Clock clock;
    private final org.jingzhun.platform.PageActions actions;

    private final Procedures procedures;

    IdentificationPagesController(HouseholdIdentification households, VillageIdentification villages, Publicity publicity,
                                  Households registry, ProblemMessages messages, java.time.Clock clock,
                                  org.jingzhun.platform.PageActions actions, Procedures procedures) {
        this.procedures = procedures;
        this.actions = actions;
        this.clock = clock;
        this.households = households;
        this.villages = villages;
        this.publicity = publicity;
        this.registry = registry;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- rounds

    @GetMapping("/identification")
    String rounds(@RequestParam(defaultValue = "") String area, Model model) {
        model.addAttribute("area", area);
        model.addAttribute("rounds", households.rounds(area));
        model.addAttribute("stages", Stage.values());
        return "identification/rounds";
    }

    @PostMapping("/identification/rounds")
    String openRound(@RequestParam(defaultValue = "") String countyCode, @RequestParam(required = false) Integer year,
                     @RequestParam(required = false) Integer publicityDays, @RequestParam(required = false) Integer quotaHouseholds,
                     @RequestParam(required = false) Integer quotaPeople, RedirectAttributes redirect) {
        return act(redirect, "/identification", () -> {
            try {
                Round round = households.openRound(new Round.Form(countyCode, year, publicityDays, quotaHouseholds, quotaPeople));
                return "/identification/rounds/" + round.id();
            } catch (DomainException e) {
                // A year without a poverty line is set up on the lines page: the refusal links there.
                if (e.fieldProblems().stream().anyMatch(p -> "no-line".equals(p.code()))) {
                    redirect.addFlashAttribute("missingLineYear", year);
                }
                throw e;
            }
        });
    }

    @GetMapping("/identification/rounds/{id}")
    String round(@PathVariable long id, @RequestParam(defaultValue = "") String area,
                 @RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("round", households.round(id));
        model.addAttribute("area", area);
        model.addAttribute("stage", stage);
        model.addAttribute("stages", Stage.values());
        model.addAttribute("result", households.applications(new HouseholdIdentification.Query(id, area, stage, page, PAGE_SIZE)));
        model.addAttribute("rule", stage == null ? null : Procedure.HOUSEHOLD.next(stage).orElse(null));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("hotline", publicity.hotline(households.round(id).countyCode()));
        return "identification/round";
    }

    /** A village's sheet of the round for the notice board, printed on A4: its publicity list or its announcement. */
    @GetMapping("/identification/rounds/{id}/notice-board")
    String noticeBoard(@PathVariable long id, @RequestParam String village,
                       @RequestParam(defaultValue = "false") boolean announcement, Model model) {
        model.addAttribute("board", publicity.noticeBoard(id, village, announcement));
        return "identification/notice-board";
    }

    @PostMapping("/identification/counties/{code}/hotline")
    String setHotline(@PathVariable String code, @RequestParam(defaultValue = "") String hotline,
                      @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return act(redirect, page, () -> {
            publicity.setHotline(code, hotline);
            redirect.addFlashAttribute("done", messages.text("identification.hotline.saved", hotline.strip()));
            return page;
        });
    }

    @PostMapping("/identification/rounds/{id}/quota")
    String setQuota(@PathVariable long id, @RequestParam(required = false) Integer quotaHouseholds,
                    @RequestParam(required = false) Integer quotaPeople, @RequestParam(defaultValue = "") String reason,
                    RedirectAttributes redirect) {
        return act(redirect, "/identification/rounds/" + id, () -> {
            households.setQuota(id, quotaHouseholds, quotaPeople, reason);
            return "/identification/rounds/" + id;
        });
    }

    @PostMapping("/identification/rounds/{id}/quota-override")
    String overrideQuota(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return act(redirect, "/identification/rounds/" + id, () -> {
            households.overrideQuota(id, reason);
            return "/identification/rounds/" + id;
        });
    }

    @GetMapping("/identification/rounds/{id}/apply")
    String applyForm(@PathVariable long id, @RequestParam(defaultValue = "") String village, Model model) {
        Round round = households.round(id);
        model.addAttribute("round", round);
        model.addAttribute("village", village);
        if (village.matches("\\d{12}") && village.startsWith(round.countyCode())) {
            List<org.jingzhun.registry.HouseholdSummary> found = new java.util.ArrayList<>();
            for (Household.Status status : List.of(Household.Status.NON_POOR, Household.Status.CANDIDATE)) {
                found.addAll(registry.search(new Households.Query(village, null, null, status, null, null, null, null, 0,
                        200)).households());
            }
            model.addAttribute("households", found);
            // A household whose income per person is at or above the line is shown but not proposed unless someone
            // checks it: proposing every household by default filled rounds with households the county must reject.
            model.addAttribute("aboveLine", found.stream()
                    .filter(h -> h.income() != null && h.income().compareTo(round.povertyLine()) >= 0)
                    .map(org.jingzhun.registry.HouseholdSummary::id).collect(java.util.stream.Collectors.toSet()));
        }
        return "identification/apply";
    }

    @PostMapping("/identification/rounds/{id}/applications")
    String apply(@PathVariable long id, @RequestParam(name = "householdIds", required = false) List<Long> householdIds,
                 @RequestParam(required = false) Application.Proposer proposedBy,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                 @RequestParam(defaultValue = "") String note,
                 @RequestParam(defaultValue = "") String village, RedirectAttributes redirect) {
        return act(redirect, "/identification/rounds/" + id + "/apply?village=" + village, () -> {
            StepResult result = households.apply(id, householdIds == null ? List.of() : householdIds, proposedBy, date, note);
            redirect.addFlashAttribute("done", messages.text("identification.done.APPLY", result.moved()));
            return "/identification/rounds/" + id + "?stage=APPLIED&area=" + village;
        });
    }

    @PostMapping("/identification/rounds/{id}/steps")
    String householdStep(@PathVariable long id, @RequestParam(name = "ids", required = false) List<Long> ids,
                         @RequestParam(required = false) Step step, @RequestParam(required = false) Boolean approved,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                         @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "") String exception,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate meetingDate,
                         @RequestParam(required = false) Integer participants, @RequestParam(required = false) Integer votesFor,
                         @RequestParam(required = false) Integer votesAgainst,
                         @RequestParam(required = false) MultipartFile attachment, @RequestParam(defaultValue = "") String back,
                         RedirectAttributes redirect) {
        households.round(id); // the round of the page: absent outside the caller's areas, whatever the step names
        String page = back.isEmpty() ? "/identification/rounds/" + id : safe(back);
        return act(redirect, page, () -> {
            StepResult result = households.step(request(step, ids, approved, date, note, exception, meetingDate, participants,
                    votesFor, votesAgainst, attachment));
            redirect.addFlashAttribute("done", done(result));
            return page;
        });
    }

    @GetMapping("/identification/applications/{id}")
    String application(@PathVariable long id, Model model) {
        Application application = households.application(id);
        model.addAttribute("householdApplication", application); // "application" is the servlet context in templates
        model.addAttribute("round", households.round(application.roundId()));
        model.addAttribute("steps", publicity.steps(Procedure.HOUSEHOLD, id));
        model.addAttribute("objections", publicity.objections(Procedure.HOUSEHOLD, id));
        model.addAttribute("approval", procedures.approval(Procedure.HOUSEHOLD.name(), id));
        model.addAttribute("rule", Procedure.HOUSEHOLD.next(application.stage()).orElse(null));
        return "identification/application";
    }

    /** The applications and procedures of one household, linked from its page in the registry. */
    @GetMapping("/identification/households/{id}")
    String householdApplications(@PathVariable long id, Model model) {
        model.addAttribute("household", registry.get(id));
        model.addAttribute("applications", households.applicationsOf(id));
        return "identification/household";
    }

    // ---------------------------------------------------------------- objections and attachments

    @PostMapping("/identification/objections")
    String object(@RequestParam Procedure procedure, @RequestParam long subjectId, @RequestParam(defaultValue = "") String text,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate filedOn,
                  @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return act(redirect, page, () -> {
            publicity.object(procedure, subjectId, new Objection.Form(text, null, null, filedOn), null);
            redirect.addFlashAttribute("done", messages.text("identification.objection.filed"));
            return page;
        });
    }

    @PostMapping("/identification/objections/{id}/decision")
    String decide(@PathVariable long id, @RequestParam(defaultValue = "false") boolean upheld,
                  @RequestParam(defaultValue = "") String decision,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn,
                  @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return act(redirect, page, () -> {
            publicity.decide(id, upheld, decision, decidedOn);
            redirect.addFlashAttribute("done", messages.text(upheld ? "identification.objection.upheld" : "identification.objection.dismissed"));
            return page;
        });
    }

    @GetMapping("/identification/attachments/{id}")
    org.springframework.http.ResponseEntity<byte[]> attachment(@PathVariable long id) {
        Publicity.Attachment attachment = publicity.attachment(id);
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
                        .inline().filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(org.springframework.http.MediaType.parseMediaType(attachment.contentType())).body(attachment.content());
    }

    // ---------------------------------------------------------------- villages

    @GetMapping("/identification/villages")
    String villagesPage(@RequestParam(defaultValue = "") String province, @RequestParam(required = false) Integer year,
                        @RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "false") boolean candidatesOnly,
                        @RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page, Model model) {
        int shownYear = year == null ? LocalDate.now(clock).getYear() - 1 : year;
        String shownProvince = province.isBlank() ? defaultProvince() : province.strip();
        String shownArea = area.isBlank() ? shownProvince : area.strip();
        model.addAttribute("province", shownProvince);
        model.addAttribute("year", shownYear);
        model.addAttribute("area", shownArea);
        model.addAttribute("candidatesOnly", candidatesOnly);
        model.addAttribute("stage", stage);
        model.addAttribute("page", page);
        model.addAttribute("stages", List.of(Stage.APPLIED, Stage.TOWNSHIP_REVIEWED, Stage.PUBLICITY, Stage.COUNTY_APPROVED,
                Stage.ANNOUNCED, Stage.REJECTED));
        model.addAttribute("methods", ProvinceAverages.Method.values());
        if (!shownProvince.isEmpty()) {
            model.addAttribute("assessment", villages.assessment(shownProvince, shownYear).orElse(null));
            model.addAttribute("assessed", villages.assessedVillages(shownArea, shownYear, candidatesOnly, page, PAGE_SIZE));
            model.addAttribute("cases", villages.cases(shownArea, shownYear, stage));
        }
        model.addAttribute("rule", stage == null ? null : Procedure.VILLAGE.next(stage).orElse(null));
        return "identification/villages";
    }

    /** The province of the caller's first area, or none for a national user (who chooses one). */
    private static String defaultProvince() {
        return Caller.required().areas().stream().filter(a -> a.length() >= 2).sorted().map(a -> a.substring(0, 2))
                .findFirst().orElse("");
    }

    @PostMapping("/identification/villages/averages")
    String setAverages(@RequestParam String province, @RequestParam int year, @RequestParam(required = false) ProvinceAverages.Method method,
                       @RequestParam(required = false) java.math.BigDecimal povertyRatePercent,
                       @RequestParam(required = false) java.math.BigDecimal perCapitaIncome,
                       @RequestParam(required = false) String averagesArea, RedirectAttributes redirect) {
        String page = "/identification/villages?province=" + province + "&year=" + year;
        return act(redirect, page, () -> {
            villages.setAverages(new ProvinceAverages(province, year, method,
                    povertyRatePercent == null ? null : povertyRatePercent.movePointLeft(2), perCapitaIncome, averagesArea));
            redirect.addFlashAttribute("done", messages.text("identification.averages.saved"));
            return page;
        });
    }

    @PostMapping("/identification/villages/figures")
    String saveFigures(@RequestParam String province, @RequestParam int year, @RequestParam(defaultValue = "") String villageCode,
                       @RequestParam(required = false) Integer ruralResidents,
                       @RequestParam(required = false) java.math.BigDecimal perCapitaIncome,
                       @RequestParam(required = false) java.math.BigDecimal collectiveIncome, RedirectAttributes redirect) {
        String page = "/identification/villages?province=" + province + "&year=" + year;
        return act(redirect, page, () -> {
            villages.saveFigures(new VillageFigures(villageCode, year, ruralResidents, perCapitaIncome, collectiveIncome));
            redirect.addFlashAttribute("done", messages.text("identification.figures.saved", villageCode));
            return page;
        });
    }

    /** The XLSX template of a file of village figures, from the file's columns. */
    @GetMapping("/identification/villages/figures/template")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> figuresTemplate(
            java.util.Locale locale) {
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"village-figures-template.xlsx\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> villages.writeFiguresTemplate(locale, out));
    }

    @PostMapping("/identification/villages/figures/import")
    String importFigures(@RequestParam String province, @RequestParam int year, @RequestParam MultipartFile file,
                         @RequestParam(required = false) String charset, RedirectAttributes redirect) {
        String page = "/identification/villages?province=" + province + "&year=" + year;
        return act(redirect, page, () -> {
            try (var in = file.getInputStream()) {
                redirect.addFlashAttribute("done", messages.text("identification.figures.imported", villages.importFigures(year, in, charset)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (DomainException e) {
                // The page names the first hundred problems (the summary counts them all): the flash lives in the session.
                throw e.fieldProblems().size() <= 100 ? e : new DomainException(e.kind(), e.fieldProblems().subList(0, 100),
                        e.messageKey(), e.args());
            }
            return page;
        });
    }

    @PostMapping("/identification/villages/assess")
    String assess(@RequestParam String province, @RequestParam int year, RedirectAttributes redirect) {
        String page = "/identification/villages?province=" + province + "&year=" + year;
        return act(redirect, page, () -> {
            var assessment = villages.assess(province, year);
            redirect.addFlashAttribute("done", messages.text("identification.assessment.done", assessment.villages(),
                    assessment.candidates()));
            return page + "&candidatesOnly=true";
        });
    }

    @PostMapping("/identification/villages/cases")
    String applyVillages(@RequestParam String province, @RequestParam int year,
                         @RequestParam(name = "villageCodes", required = false) List<String> villageCodes,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                         @RequestParam(defaultValue = "") String exception, @RequestParam(defaultValue = "") String note,
                         RedirectAttributes redirect) {
        String page = "/identification/villages?province=" + province + "&year=" + year;
        return act(redirect, page, () -> {
            StepResult result = villages.apply(villageCodes == null ? List.of() : villageCodes, year, date, exception, note);
            redirect.addFlashAttribute("done", done(result));
            return page + "&stage=APPLIED";
        });
    }

    @PostMapping("/identification/villages/steps")
    String villageStep(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam(required = false) Step step,
                       @RequestParam(required = false) Boolean approved,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                       @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "") String exception,
                       @RequestParam(required = false) MultipartFile attachment, @RequestParam(defaultValue = "") String back,
                       RedirectAttributes redirect) {
        String page = safe(back);
        return act(redirect, page, () -> {
            redirect.addFlashAttribute("done", done(villages.step(request(step, ids, approved, date, note, exception, null, null,
                    null, null, attachment))));
            return page;
        });
    }

    @GetMapping("/identification/village-cases/{id}")
    String villageCase(@PathVariable long id, Model model) {
        var villageCase = villages.villageCase(id);
        model.addAttribute("villageCase", villageCase);
        model.addAttribute("steps", publicity.steps(Procedure.VILLAGE, id));
        model.addAttribute("objections", publicity.objections(Procedure.VILLAGE, id));
        model.addAttribute("approval", procedures.approval(Procedure.VILLAGE.name(), id));
        model.addAttribute("rule", Procedure.VILLAGE.next(villageCase.stage()).orElse(null));
        return "identification/village-case";
    }

    // ---------------------------------------------------------------- shared

    private static StepRequest request(Step step, List<Long> ids, Boolean approved, LocalDate date, String note, String exception,
                                       LocalDate meetingDate, Integer participants, Integer votesFor, Integer votesAgainst,
                                       MultipartFile attachment) {
        try {
            StepRequest.Appraisal appraisal = step == Step.APPRAISE
                    ? new StepRequest.Appraisal(meetingDate, participants, votesFor, votesAgainst) : null;
            StepRequest.Upload upload = attachment == null || attachment.isEmpty() ? null
                    : new StepRequest.Upload(attachment.getOriginalFilename(), attachment.getBytes());
            return new StepRequest(step, ids == null ? List.of() : ids, approved, date, note, exception, appraisal, upload);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String done(StepResult result) {
        return result.rejected() > 0 ? messages.text("identification.done.rejected", result.rejected())
                : messages.text("identification.done." + result.step(), result.moved());
    }

    /** Runs an action and redirects where it says; a refusal goes back to the page with each problem named. */
    private String act(RedirectAttributes redirect, String page, Supplier<String> action) {
        return actions.act(redirect, page, action);
    }

    /** A page of this feature to come back to; anything else (another site) is not followed. */
    private static String safe(String back) {
        return back.startsWith("/identification/") && !back.startsWith("//") ? back : "/identification";
    }
}
