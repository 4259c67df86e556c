package org.jingzhun.platform;

import java.util.Arrays;
import java.util.List;

/**
 * A request refused for a reason the user can act on. Messages are keys of {@code messages*.properties},
 * resolved in the caller's language where the refusal is shown.
 */
public class DomainException extends RuntimeException {

    /**
     * How the refusal maps to HTTP: absent (or out of reach), invalid input, in conflict with what is stored, not
     * allowed, or too many requests from one sender.
     */
    public enum Kind { NOT_FOUND, INVALID, CONFLICT, FORBIDDEN, TOO_MANY }

    /** One refused field: its name, a stable machine code, and a message key with arguments. */
    public record FieldProblem(String field, String code, String messageKey, Object... args) {
    }

    private final Kind kind;
    private final String messageKey;
    private final transient Object[] args;
    private final transient List<FieldProblem> fieldProblems;

    public DomainException(Kind kind, String messageKey, Object... args) {
        this(kind, List.of(), messageKey, args);
    }

    public DomainException(Kind kind, List<FieldProblem> fieldProblems, String messageKey, Object... args) {
        super(messageKey + Arrays.toString(args));
        this.kind = kind;
        this.messageKey = messageKey;
        this.args = args.clone();
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    /** Refuses input that has field problems; the summary message counts them. */
    public static DomainException invalid(List<FieldProblem> problems) {
        return new DomainException(Kind.INVALID, problems, "error.invalid", problems.size());
    }

    public Kind kind() {
        return kind;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
