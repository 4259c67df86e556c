package org.jingzhun.platform.web;

import jakarta.servlet.http.HttpServletResponse;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal on a page shows the error page with the reason in the user's language and the right status. */
@ControllerAdvice(annotations = Controller.class)
class PageRefusalHandler {

    private final ProblemMessages messages;

    PageRefusalHandler(ProblemMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletResponse response) {
        int status = RefusalHandler.status(e.kind()).value();
        response.setStatus(status);
        model.addAttribute("status", status);
        Caller caller = Caller.current().orElse(null);
        model.addAttribute("caller", caller); // exception handlers get no advice attributes
        model.addAttribute("menu", Menu.of(caller));
        // a refusal that no form shows next to its fields names them here, or the page would not say what was wrong
        model.addAttribute("message", e.fieldProblems().isEmpty() ? messages.summary(e)
                : messages.summary(e) + " " + String.join(" ", messages.all(e)));
        return "error";
    }
}
