package org.jingzhun.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The whole list of problems of a refusal too long to show: a refusal shows its first {@link #SHOWN} problems and
 * names the id under which all of them, up to {@link #KEPT}, are kept for a day for the user it was given to, to read
 * a page at a time (the API's one paging contract) or to download as CSV.
 */
@Component
public class RefusalLists {

    /** The problems a refusal shows itself. */
    public static final int SHOWN = 100;
    /** The most problems a refusal keeps; the rest are counted. */
    public static final int KEPT = 200_000;
    static final Duration KEPT_FOR = Duration.ofDays(1);

    /** One problem of a kept refusal, its message in the language of the refused request. */
    public record Problem(int n, String field, String code, String message) {
    }

    private final JdbcClient jdbc;
    private final ProblemMessages messages;
    private final Clock clock;

    RefusalLists(JdbcClient jdbc, ProblemMessages messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Keeps every problem of a refusal that has more than it shows, in a transaction of its own (the refused work's
     * was rolled back), and gives the id it is kept under; nothing for a shorter one or without a signed-in caller.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<UUID> keep(DomainException refusal) {
        List<DomainException.FieldProblem> problems = refusal.fieldProblems();
        Optional<Caller> caller = Caller.current();
        if (problems.size() <= SHOWN || caller.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from refusal where created_at < :before").param("before", now.minus(KEPT_FOR)).update();
        List<DomainException.FieldProblem> kept = problems.subList(0, Math.min(problems.size(), KEPT));
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into refusal (id, login, problems, created_at) values (:id, :login, :problems, :now)")
                .param("id", id).param("login", caller.get().login()).param("problems", kept.size()).param("now", now).update();
        jdbc.sql("""
                insert into refusal_problem (refusal_id, n, field, code, message)
                select :id, n, field, code, message
                  from unnest(cast(:fields as text[]), cast(:codes as text[]), cast(:messages as text[]))
                       with ordinality as p (field, code, message, n)""")
                .param("id", id)
                .param("fields", kept.stream().map(DomainException.FieldProblem::field).toArray(String[]::new))
                .param("codes", kept.stream().map(DomainException.FieldProblem::code).toArray(String[]::new))
                .param("messages", kept.stream().map(messages::text).toArray(String[]::new))
                .update();
        return Optional.of(id);
    }

    /** A page of a refusal's problems, for the user it was given to; absent for anyone else and after a day. */
    @Transactional(readOnly = true)
    public Page<Problem> problems(UUID id, int page, int size) {
        Page.check(page, size);
        long total = owned(id);
        List<Problem> items = jdbc.sql("""
                select n, field, code, message from refusal_problem where refusal_id = :id and n > :from order by n limit :size""")
                .param("id", id).param("from", (long) page * size).param("size", size)
                .query((rs, i) -> new Problem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        return new Page<>(items, page, size, total);
    }

    /** Writes a refusal's problems as CSV (UTF-8 with its byte order mark, for spreadsheets): number, field, code, message. */
    @Transactional(readOnly = true)
    public void writeCsv(UUID id, OutputStream out) {
        owned(id);
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write("n,field,code,message\r\n".getBytes(StandardCharsets.UTF_8));
            jdbc.sql("select n, field, code, message from refusal_problem where refusal_id = :id order by n").param("id", id)
                    .query(rs -> {
                        try {
                            out.write((rs.getInt(1) + "," + cell(rs.getString(2)) + "," + cell(rs.getString(3)) + ","
                                    + cell(rs.getString(4)) + "\r\n").getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of problems kept, when the refusal is the caller's and not expired; absent otherwise. */
    private long owned(UUID id) {
        Caller caller = Caller.required();
        return jdbc.sql("select problems from refusal where id = :id and login = :login and created_at >= :since")
                .param("id", id).param("login", caller.login()).param("since", OffsetDateTime.now(clock).minus(KEPT_FOR))
                .query(Long.class).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "refusal.not-found", id.toString()));
    }

    private static String cell(String text) {
        return text == null ? "" : CsvCells.text(text);
    }
}
