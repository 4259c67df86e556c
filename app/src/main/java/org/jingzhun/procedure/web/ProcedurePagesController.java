package org.jingzhun.procedure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.PageActions;
import org.jingzhun.platform.Role;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Procedures;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages every procedure shares (issue 14): a list of cases, filtered as the inbox counts them, where the next
 * step is made for those checked (all or none); one case with its step log, objections and next step. Steps that
 * need inputs of their own (an appraisal's votes) are made on their procedure's own pages.
 */
@Controller
class ProcedurePagesController {

    static final int PAGE_SIZE = 100;

    private final Procedures procedures;
    private final PageActions actions;
    private final MessageSource messages;

    ProcedurePagesController(Procedures procedures, PageActions actions, MessageSource messages) {
        this.procedures = procedures;
        this.actions = actions;
        this.messages = messages;
    }

    /** A step as the shared step form shows it: its name, who makes it at which levels, how it decides. */
    public record StepShown(String step, Role role, Set<String> levels, Definition.Kind kind) {

        static StepShown of(Definition.Step step) {
            return new StepShown(step.name(), step.maker().role(),
                    step.maker().levels().stream().map(Enum::name).collect(Collectors.toSet()), step.kind());
        }

        public String levelsKey() {
            return levels.stream().sorted().collect(Collectors.joining("-"));
        }
    }

    /** A case in a list: where it stands and the words that name its subject. */
    public record CaseShown(Procedures.Case c, String name) {
    }

    @GetMapping("/procedures")
    String procedures(Model model) {
        model.addAttribute("definitions", procedures.definitions());
        return "procedure/procedures";
    }

    @GetMapping("/procedures/cases")
    String cases(@RequestParam String procedure, @RequestParam(required = false) String stage,
                 @RequestParam(defaultValue = "ALL") Procedures.Filter filter, @RequestParam(defaultValue = "") String area,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        Definition definition = procedures.definition(procedure);
        String shownStage = stage == null || stage.isBlank() ? null : stage.strip();
        List<Procedures.Case> found = procedures.cases(procedure,
                new Procedures.CaseQuery(area, shownStage, filter, page, PAGE_SIZE));
        List<Procedures.Case> shown = found.subList(0, Math.min(found.size(), PAGE_SIZE));
        Map<Long, MessageSourceResolvable> names = definition.rules().names(shown.stream().map(Procedures.Case::subjectId).toList());
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("definition", definition);
        model.addAttribute("stage", shownStage);
        model.addAttribute("filter", filter);
        model.addAttribute("filters", Procedures.Filter.values());
        model.addAttribute("area", area);
        model.addAttribute("page", page);
        model.addAttribute("more", found.size() > PAGE_SIZE);
        model.addAttribute("cases", shown.stream().map(c -> new CaseShown(c, names.containsKey(c.subjectId())
                ? messages.getMessage(names.get(c.subjectId()), locale) : Long.toString(c.subjectId()))).toList());
        model.addAttribute("stages", definition.steps().stream().map(Definition.Step::from).distinct().toList());
        // The step is offered on a list of one stage, to those of its maker's role.
        Caller caller = Caller.required();
        model.addAttribute("rule", shownStage == null ? null : definition.next(shownStage)
                .filter(step -> caller.has(step.maker().role())).map(StepShown::of).orElse(null));
        return "procedure/cases";
    }

    @GetMapping("/procedures/cases/{id}")
    String caseOf(@PathVariable long id, @RequestParam String procedure, Model model) {
        Definition definition = procedures.definition(procedure);
        Procedures.Case found = procedures.find(procedure, id)
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.subject.not-found", id));
        MessageSourceResolvable name = definition.rules().names(List.of(id)).get(id);
        model.addAttribute("definition", definition);
        model.addAttribute("found", found);
        model.addAttribute("name", name == null ? Long.toString(id) : messages.getMessage(name, LocaleContextHolder.getLocale()));
        model.addAttribute("steps", procedures.steps(procedure, id));
        model.addAttribute("objections", procedures.objections(procedure, id));
        model.addAttribute("approval", procedures.approval(procedure, id));
        model.addAttribute("inPublicity", procedures.inPublicity(procedure, id).isPresent());
        Caller caller = Caller.required();
        model.addAttribute("rule", definition.next(found.stage()).filter(step -> caller.has(step.maker().role()))
                .map(StepShown::of).orElse(null));
        return "procedure/case";
    }

    @PostMapping("/procedures/steps")
    String step(@RequestParam String procedure, @RequestParam(name = "ids", required = false) List<Long> ids,
                @RequestParam(required = false) String step, @RequestParam(required = false) Boolean approved,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(defaultValue = "") String note, @RequestParam(required = false) MultipartFile attachment,
                @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return actions.act(redirect, page, () -> {
            Procedures.Result result = procedures.step(procedure, new Procedures.Move(step, ids, approved, date, "date", note,
                    Map.of(), upload(attachment)));
            redirect.addFlashAttribute("done", messages.getMessage(result.rejected() > 0 ? "procedure.done.rejected"
                    : "procedure.done.moved", new Object[] {result.rejected() > 0 ? result.rejected() : result.moved()},
                    LocaleContextHolder.getLocale()));
            return page;
        });
    }

    @PostMapping("/procedures/objections")
    String object(@RequestParam String procedure, @RequestParam long subjectId, @RequestParam(defaultValue = "") String text,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate filedOn,
                  @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return actions.act(redirect, page, () -> {
            procedures.object(procedure, subjectId, new Procedures.ObjectionForm(text, null, null, filedOn), null, null);
            redirect.addFlashAttribute("done", messages.getMessage("identification.objection.filed", null,
                    LocaleContextHolder.getLocale()));
            return page;
        });
    }

    @PostMapping("/procedures/objections/{id}/decision")
    String decide(@PathVariable long id, @RequestParam(defaultValue = "false") boolean upheld,
                  @RequestParam(defaultValue = "") String decision,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn,
                  @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        String page = safe(back);
        return actions.act(redirect, page, () -> {
            procedures.decide(id, upheld, decision, decidedOn);
            redirect.addFlashAttribute("done", messages.getMessage(upheld ? "identification.objection.upheld"
                    : "identification.objection.dismissed", null, LocaleContextHolder.getLocale()));
            return page;
        });
    }

    @GetMapping("/procedures/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        Procedures.Attachment attachment = procedures.attachment(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(attachment.contentType())).body(attachment.content());
    }

    private static Procedures.Upload upload(MultipartFile attachment) {
        try {
            return attachment == null || attachment.isEmpty() ? null
                    : new Procedures.Upload(attachment.getOriginalFilename(), attachment.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of the procedures to come back to; anything else (another site) is not followed. */
    private static String safe(String back) {
        return back.startsWith("/procedures") && !back.startsWith("//") ? back : "/procedures";
    }
}
