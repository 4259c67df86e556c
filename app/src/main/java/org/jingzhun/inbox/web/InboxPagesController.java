package org.jingzhun.inbox.web;

import java.util.Locale;

import org.jingzhun.inbox.Inbox;
import org.jingzhun.platform.Caller;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: a signed-in user's inbox; the public starts at the area browser. */
@Controller
class InboxPagesController {

    private final Inbox inbox;
    private final MessageSource messages;

    InboxPagesController(Inbox inbox, MessageSource messages) {
        this.inbox = inbox;
        this.messages = messages;
    }

    /** An entry with its words in the user's language. */
    record Shown(String label, long count, boolean capped, int cap, String link) {
    }

    @GetMapping("/")
    String home(Model model) {
        var caller = Caller.current();
        if (caller.isEmpty()) {
            return "redirect:/areas";
        }
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("entries", inbox.entries(caller.get()).stream()
                .map(e -> new Shown(messages.getMessage(e.label(), locale), e.count(), e.capped(), e.cap(), e.link())).toList());
        return "inbox/inbox";
    }
}
