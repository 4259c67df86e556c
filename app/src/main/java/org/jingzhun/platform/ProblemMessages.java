package org.jingzhun.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Refusals as text in the user's language: for JSON problems, error pages and messages next to form fields. */
@Component
public class ProblemMessages {

    private final MessageSource messages;

    ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The message of a key in the current language; a missing key fails loudly (a test checks they exist). */
    public String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** The summary of a refusal. */
    public String summary(DomainException e) {
        return text(e.messageKey(), e.args());
    }

    public String text(FieldProblem problem) {
        return text(problem.messageKey(), problem.args());
    }

    /** One text per refused field, for messages next to form fields. */
    public Map<String, String> byField(DomainException e) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldProblem problem : e.fieldProblems()) {
            byField.merge(problem.field(), text(problem), (a, b) -> a + " " + b);
        }
        return byField;
    }

    /** Every problem as one text, or the summary when there are no field problems. */
    public List<String> all(DomainException e) {
        if (e.fieldProblems().isEmpty()) {
            return List.of(summary(e));
        }
        return e.fieldProblems().stream().map(this::text).toList();
    }
}
