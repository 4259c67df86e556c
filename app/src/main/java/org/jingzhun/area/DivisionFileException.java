package org.jingzhun.area;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import org.jingzhun.platform.DomainException;

/** An edition refused as a whole, with each problem found: file, line and reason. Nothing was stored. */
public class DivisionFileException extends DomainException {

    /**
     * One problem: the file, its 1-based line (the header is line 1), a reason code, and the values the
     * reason's message ({@code division.problem.<reason>}) shows after file and line.
     */
    public record Problem(String file, long line, String reason, Object... values) {

        /** File and line first, then the values: the arguments of the reason's message. */
        public Object[] messageArguments() {
            List<Object> arguments = new ArrayList<>(List.of(file, line));
            arguments.addAll(List.of(values));
            return arguments.toArray();
        }

        public String messageKey() {
            return "division.problem." + reason;
        }
    }

    private final transient List<Problem> problems;

    public DivisionFileException(List<Problem> problems) {
        super(Kind.INVALID, problems.stream()
                .map(p -> new FieldProblem(p.file() + ":" + p.line(), p.reason(), p.messageKey(), p.messageArguments()))
                .toList(), "division.refused", problems.size());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The problems in English, for the log of a start that loads an edition. */
    @Override
    public String getMessage() {
        ResourceBundle english = ResourceBundle.getBundle("messages", Locale.ROOT);
        return "The division files were refused, nothing was changed:\n" + problems.stream()
                .map(p -> new MessageFormat(english.getString(p.messageKey()), Locale.ENGLISH).format(p.messageArguments()))
                .collect(Collectors.joining("\n"));
    }
}
