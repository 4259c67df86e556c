package org.jingzhun.platform;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An action of a page's form, shared by every feature's pages: it runs and redirects where it says; a refusal
 * goes back to the page with its summary and each problem in the user's language (the first of a long list, the
 * whole list kept a day to download). A refusal that names nothing (not found) is the error page's.
 */
@Component
public class PageActions {

    private final ProblemMessages messages;
    private final RefusalLists refusals;

    PageActions(ProblemMessages messages, RefusalLists refusals) {
        this.messages = messages;
        this.refusals = refusals;
    }

    /** Runs the action, which gives the page to go to; a refusal goes back to {@code page}. */
    public String act(RedirectAttributes redirect, String page, Supplier<String> action) {
        try {
            return "redirect:" + action.get();
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND && e.fieldProblems().isEmpty()) {
                throw e;
            }
            redirect.addFlashAttribute("summary", messages.summary(e));
            redirect.addFlashAttribute("problems", e.fieldProblems().stream().limit(RefusalLists.SHOWN)
                    .map(p -> Map.entry(p.field(), messages.text(p))).toList());
            refusals.keep(e).ifPresent(id -> {
                redirect.addFlashAttribute("refusalId", id.toString());
                redirect.addFlashAttribute("problemCount", e.fieldProblems().size());
            });
            return "redirect:" + page;
        }
    }
}
