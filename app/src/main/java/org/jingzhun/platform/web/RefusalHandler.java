package org.jingzhun.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jingzhun.platform.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the JSON API as RFC 9457 problems, in the caller's language, with one entry per refused
 * field under {@code errors}: {@code field}, a machine {@code code} and a {@code message}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the page handler, which also sees REST controllers
class RefusalHandler {

    private final MessageSource messages;

    RefusalHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.kind()),
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        if (!e.fieldProblems().isEmpty()) {
            problem.setProperty("errors", e.fieldProblems().stream()
                    .map(p -> Map.of("field", p.field(), "code", p.code(),
                            "message", messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)))
                    .toList());
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FieldError> fieldErrors = e.getBindingResult().getFieldErrors();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("error.invalid", new Object[] {fieldErrors.size()}, locale));
        problem.setProperty("errors", fieldErrors.stream()
                .map(f -> Map.of("field", f.getField(), "code", String.valueOf(f.getCode()),
                        "message", messages.getMessage(f, locale)))
                .toList());
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("error.unreadable", null, LocaleContextHolder.getLocale()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("error.parameter", new Object[] {e.getName()}, LocaleContextHolder.getLocale()));
    }

    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }
}
