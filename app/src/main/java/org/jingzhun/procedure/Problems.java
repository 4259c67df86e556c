package org.jingzhun.procedure;

import java.util.ArrayList;
import java.util.List;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.RefusalLists;

/**
 * The problems found with the subjects of a step, which is then refused whole: each names its subject. Up to
 * {@link RefusalLists#KEPT} are kept (the refusal shows the first of them and keeps the whole list under an id);
 * all are counted.
 */
public final class Problems {

    private final List<DomainException.FieldProblem> kept = new ArrayList<>();
    private int count;

    public void add(String field, String code, String messageKey, Object... args) {
        count++;
        if (kept.size() < RefusalLists.KEPT) {
            kept.add(new DomainException.FieldProblem(field, code, messageKey, args));
        }
    }

    /** A problem of one subject: the field is "subject:" and its id, e.g. "subject:42"; the message's first argument is the id. */
    public void of(long subjectId, String code, String messageKey, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = subjectId;
        System.arraycopy(args, 0, all, 1, args.length);
        add("subject:" + subjectId, code, messageKey, all);
    }

    /**
     * Names each subject's problem by the subject's words instead of its internal id, where {@code names} has
     * them (the subjects the caller reaches); the first argument of such a problem is the id.
     */
    public void name(java.util.Map<Long, ?> names) {
        for (int i = 0; i < kept.size(); i++) {
            DomainException.FieldProblem problem = kept.get(i);
            if (problem.field() != null && problem.field().startsWith("subject:") && problem.args().length > 0) {
                Object name = names.get(Long.valueOf(problem.field().substring("subject:".length())));
                if (name != null) {
                    Object[] args = problem.args().clone();
                    args[0] = name;
                    kept.set(i, new DomainException.FieldProblem(problem.field(), problem.code(), problem.messageKey(), args));
                }
            }
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Refuses the whole step when anything was found, as a conflict with what is stored (or invalid input). */
    public void refuseIfAny(DomainException.Kind kind) {
        if (count > 0) {
            throw new DomainException(kind, kept, "procedure.refused", count);
        }
    }
}
