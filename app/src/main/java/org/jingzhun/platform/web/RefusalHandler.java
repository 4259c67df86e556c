package org.jingzhun.platform.web;

import java.util.Map;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
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

    private final ProblemMessages messages;

    RefusalHandler(ProblemMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.kind()), messages.summary(e));
        if (!e.fieldProblems().isEmpty()) {
            problem.setProperty("errors", e.fieldProblems().stream()
                    .map(p -> Map.of("field", p.field(), "code", p.code(), "message", messages.text(p)))
                    .toList());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.text("error.unreadable"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.text("error.parameter", e.getName()));
    }

    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
