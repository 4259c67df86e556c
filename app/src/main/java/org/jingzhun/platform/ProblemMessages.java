package org.jingzhun.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Refusals as text in the user's language, for showing next to the fields of a form. */
@Component
public class ProblemMessages {

    private final MessageSource messages;

    ProblemMessages(MessageSource messages) {
        this.messages = messages;
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
            return List.of(messages.getMessage(e.messageKey(), e.args(), e.messageKey(), LocaleContextHolder.getLocale()));
        }
        return e.fieldProblems().stream().map(this::text).toList();
    }

    private String text(FieldProblem problem) {
        return messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), LocaleContextHolder.getLocale());
    }
}
