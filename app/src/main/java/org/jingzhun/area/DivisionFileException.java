package org.jingzhun.area;

import java.util.List;
import java.util.stream.Collectors;

import org.jingzhun.platform.DomainException;

/** An edition refused as a whole, with each problem found: file, line and reason. Nothing was stored. */
public class DivisionFileException extends DomainException {

    /** One problem: the file, its 1-based line (the header is line 1), a reason code and its details. */
    public record Problem(String file, long line, String reason, String detail) {
        @Override
        public String toString() {
            return file + " line " + line + ": " + reason + " (" + detail + ")";
        }
    }

    private final transient List<Problem> problems;

    public DivisionFileException(List<Problem> problems) {
        super(Kind.INVALID, problems.stream()
                .map(p -> new FieldProblem(p.file() + ":" + p.line(), p.reason(), "division.problem." + p.reason(),
                        p.file(), p.line(), p.detail()))
                .toList(), "division.refused", problems.size());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        return "The division files were refused, nothing was changed:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
