package org.jingzhun.platform.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.RefusalLists;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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
    private final RefusalLists refusals;

    RefusalHandler(ProblemMessages messages, RefusalLists refusals) {
        this.messages = messages;
        this.refusals = refusals;
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e, HttpServletResponse response) {
        notADownload(response);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.kind()), messages.summary(e));
        if (!e.fieldProblems().isEmpty()) {
            // A long list shows its first problems; all are kept under an id, to page through or download.
            refusals.keep(e).ifPresent(id -> {
                problem.setProperty("refusalId", id.toString());
                problem.setProperty("problemCount", e.fieldProblems().size());
            });
            problem.setProperty("errors", e.fieldProblems().stream().limit(RefusalLists.SHOWN)
                    .map(p -> Map.of("field", p.field(), "code", p.code(), "message", messages.text(p)))
                    .toList());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletResponse response) {
        notADownload(response);
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.text("error.unreadable"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e, HttpServletResponse response) {
        notADownload(response);
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.text("error.parameter", e.getName()));
    }

    /**
     * A download refused once its stream had begun (before a byte was sent) still carries the file's headers: the
     * problem replaces the file, so it must not be saved as one.
     */
    private static void notADownload(HttpServletResponse response) {
        if (!response.isCommitted() && response.containsHeader(HttpHeaders.CONTENT_DISPOSITION)) {
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
        }
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
