package org.jingzhun.procedure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Problems;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.procedure.Procedures.Case;
import org.jingzhun.procedure.Procedures.Move;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves the cases of any procedure along its definition, a whole list at once or none of it: the cases are
 * locked, every check is made for every case (stage, the caller's role and level, the publicity's end, open
 * objections, and the definition's own rules), and only then are the stage, the step's log and the audit written,
 * each with one statement for the whole list.
 */
@Component
class CaseSteps {

    /** The most cases one step may name: a large county's whole list. */
    static final int MAX_SUBJECTS = 200_000;
    /** How far ahead a publicity may be posted. */
    static final int PUBLICITY_NOTICE_DAYS = 30;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Attachments attachments;
    private final Clock clock;
    private final JsonMapper json;
    private final Definitions definitions;

    CaseSteps(JdbcClient jdbc, AuditTrail audit, Attachments attachments, Clock clock, JsonMapper json,
              Definitions definitions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.attachments = attachments;
        this.clock = clock;
        this.json = json;
        this.definitions = definitions;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Starts the cases in the definition's first stage on {@code day}, with their first step logged and audited. */
    @Transactional(propagation = Propagation.MANDATORY)
    void start(Definition definition, List<Procedures.Subject> subjects, LocalDate day, Map<String, Object> details,
               String note) {
        subjects.stream().filter(s -> s.areaCode() == null || s.areaCode().length() != definition.subjects().codeLength())
                .findFirst().ifPresent(s -> {
                    // the owner's mistake, not the user's: its subjects are all at the definition's level
                    throw new IllegalArgumentException(definition.name() + " takes subjects of the level "
                            + definition.subjects() + ", not " + s.areaCode());
                });
        Long[] ids = subjects.stream().map(Procedures.Subject::id).toArray(Long[]::new);
        jdbc.sql("""
                insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since)
                select :procedure, s.id, area_county(s.area), s.area, s.holder, :stage, :day
                  from unnest(:ids::bigint[], :areas::text[], :holders::bigint[]) as s (id, area, holder)""")
                .param("procedure", definition.name()).param("stage", definition.start()).param("day", day)
                .param("ids", ids).param("areas", subjects.stream().map(Procedures.Subject::areaCode).toArray(String[]::new))
                .param("holders", subjects.stream().map(Procedures.Subject::holder).toArray(Long[]::new)).update();
        record(definition, Definition.START, null, definition.start(), day, details, note, null, ids);
    }

    /** Makes a step for every case the move names, or refuses it whole. */
    @Transactional(propagation = Propagation.MANDATORY)
    Procedures.Result move(Definition definition, Move move) {
        Caller caller = Caller.required();
        Definition.Step step = move.step() == null ? null : definition.step(move.step()).orElse(null);
        if (step == null) {
            throw DomainException.invalid(List.of(new FieldProblem("step", "unknown", "procedure.step.unknown",
                    String.valueOf(move.step()))));
        }
        caller.requireAny(step.maker().role());
        LocalDate today = today();
        LocalDate doneOn = validate(definition, step, move, today);
        List<Case> found = lock(definition, move.ids());

        Problems problems = new Problems();
        Map<Long, Case> byId = found.stream().collect(Collectors.toMap(Case::subjectId, c -> c));
        for (long id : move.ids()) {
            Case subject = byId.get(id);
            if (subject == null || !caller.reaches(subject.areaCode())) {
                problems.of(id, "not-found", "procedure.subject.not-found");
            } else if (!subject.stage().equals(step.from())) {
                problems.of(id, "stage", "procedure.subject.stage", stageKey(subject.stage()), stageKey(step.from()));
            } else if (!step.maker().actsAt(caller, subject.areaCode())) {
                problems.of(id, "level", "procedure.subject.level", named("role." + step.maker().role()),
                        named("procedure.levels." + step.maker().levelsKey()));
            } else if (step.kind() == Definition.Kind.DECISION_AFTER_PUBLICITY && subject.publicityEnd() != null
                    && !today.isAfter(subject.publicityEnd())) {
                problems.of(id, "publicity", "procedure.subject.in-publicity", subject.publicityEnd());
            }
        }
        refuseNamed(definition, caller, found, problems);
        inOrder(definition, step, move, doneOn, found);
        if (problems.isEmpty()) {
            openObjections(definition.name(), move.ids()).forEach((id, open) ->
                    problems.of(id, "objection", "procedure.subject.objection-open", open));
        }
        if (problems.isEmpty()) {
            definition.rules().check(step, move, found, problems);
        }
        refuseNamed(definition, caller, found, problems);

        Long attachment = move.attachment() == null ? null
                : attachments.store(move.attachment(), Levels.commonArea(found.stream().map(Case::areaCode).toList()));
        String to = step.kind().decision() && move.rejects() ? Definition.REJECTED : step.to();
        boolean publicity = step.kind() == Definition.Kind.STARTS_PUBLICITY;
        Long[] ids = move.ids().toArray(Long[]::new);
        // The stage is reached on the step's day (a publicity's: its start), which may be long before it was entered.
        jdbc.sql("update procedure_case c set stage = :to, stage_since = :doneOn, ended = :ended, version = c.version + 1,"
                        + " updated_at = :now,"
                        + " publicity_start = case when :publicity then cast(:start as date) else c.publicity_start end,"
                        + " publicity_end = case when :publicity then cast(:start as date) + (" + definition.publicityDays()
                        + ") - 1 else c.publicity_end end"
                        + " where c.procedure = :procedure and c.subject_id = any(:ids)")
                .param("to", to).param("doneOn", doneOn).param("ended", definition.ended(to)).param("now", ChinaClock.now())
                .param("publicity", publicity).param("start", publicity ? doneOn : null, java.sql.Types.DATE)
                .param("procedure", definition.name()).param("ids", ids).update();
        Map<String, Object> details = new HashMap<>(move.details());
        if (move.approved() != null) {
            details.put("approved", move.approved());
        }
        record(definition, step.name(), step.from(), to, doneOn, details, move.note(), attachment, ids);
        definition.rules().reached(to, move.ids(), move, doneOn);
        boolean rejected = Definition.REJECTED.equals(to);
        return new Procedures.Result(step.name(), rejected ? 0 : ids.length, rejected ? ids.length : 0);
    }

    /**
     * Ends a case as rejected outside the definition's steps (an upheld objection), from whatever stage it is in,
     * with the step's log, the audit and the definition's consequences.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void reject(Definition definition, long id, LocalDate day, String note) {
        Case subject = lock(definition, List.of(id)).getFirst();
        if (definition.ended(subject.stage())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "procedure.subject.ended", id,
                    stageKey(subject.stage()));
        }
        jdbc.sql("update procedure_case set stage = :stage, stage_since = :day, ended = true, version = version + 1,"
                        + " updated_at = :now where procedure = :procedure and subject_id = :id")
                .param("stage", Definition.REJECTED).param("day", day).param("now", ChinaClock.now())
                .param("procedure", definition.name()).param("id", id).update();
        record(definition, Definition.OBJECTION_UPHELD, subject.stage(), Definition.REJECTED, day, Map.of(), note, null,
                new Long[] {id});
        definition.rules().reached(Definition.REJECTED, List.of(id),
                new Move(Definition.OBJECTION_UPHELD, List.of(id), false, day, "date", note, Map.of(), null), day);
    }

    /** The day a case starts: the one given, else today; never in the future. */
    LocalDate startDay(LocalDate given, String field) {
        LocalDate today = today();
        LocalDate day = given == null ? today : given;
        if (day.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem(field, "future", "procedure.date.future",
                    day.toString(), today.toString())));
        }
        return day;
    }

    /**
     * Refuses a step dated before what it follows, naming the date's field for each case: before the case's last
     * step or the decision of one of its objections, or, after a publicity, on or before its last day. Procedures
     * held on paper are entered later with their real days, so the order of the days is checked, not the day they
     * are entered.
     */
    private void inOrder(Definition definition, Definition.Step step, Move move, LocalDate doneOn, List<Case> found) {
        Map<Long, LocalDate> previous = new HashMap<>();
        jdbc.sql("""
                select id, max(day) from (
                    select subject_id as id, done_on as day from procedure_step
                     where procedure = :procedure and subject_id = any(:ids)
                    union all
                    select subject_id, decided_on from objection
                     where procedure = :procedure and subject_id = any(:ids) and decided_on is not null) days
                 group by id""")
                .param("procedure", definition.name()).param("ids", move.ids().toArray(Long[]::new))
                .query(rs -> {
                    previous.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        Problems problems = new Problems();
        for (Case subject : found) {
            LocalDate before = previous.get(subject.subjectId());
            if (step.kind() == Definition.Kind.DECISION_AFTER_PUBLICITY && subject.publicityEnd() != null
                    && !doneOn.isAfter(subject.publicityEnd())) {
                problems.add(move.dateField(), "in-publicity", "procedure.date.in-publicity",
                        String.valueOf(subject.subjectId()), doneOn.toString(), subject.publicityEnd().toString());
            } else if (before != null && doneOn.isBefore(before)) {
                problems.add(move.dateField(), "before-previous", "procedure.date.before-previous",
                        String.valueOf(subject.subjectId()), doneOn.toString(), before.toString());
            }
        }
        problems.refuseIfAny(DomainException.Kind.INVALID);
    }

    private void record(Definition definition, String step, String from, String to, LocalDate doneOn,
                        Map<String, Object> details, String note, Long attachment, Long[] ids) {
        Caller caller = Caller.required();
        jdbc.sql("insert into procedure_step (procedure, subject_id, step, from_stage, to_stage, done_on, area_code, county_code,"
                        + " actor_id, actor_login, recorded_at, details, note, attachment_id)"
                        + " select c.procedure, c.subject_id, :step, :from, :to, :doneOn, c.area_code, c.county_code, :actorId, :actorLogin,"
                        + " :now, cast(:details as jsonb), :note, :attachment from procedure_case c"
                        + " where c.procedure = :procedure and c.subject_id = any(:ids)")
                .param("procedure", definition.name()).param("step", step)
                .param("from", from, java.sql.Types.VARCHAR).param("to", to)
                .param("doneOn", doneOn).param("actorId", caller.userId()).param("actorLogin", caller.login())
                .param("now", ChinaClock.now()).param("details", json.writeValueAsString(details))
                .param("note", blankToNull(note), java.sql.Types.VARCHAR)
                .param("attachment", attachment, java.sql.Types.BIGINT).param("ids", ids).update();
        if (definition.subjects().codeLength() == 12) {
            // Cases of villages are logged for those who count villages by them (the statistics' poor villages); the
            // cases of households, hundreds of thousands in a county's bulk step, are not.
            jdbc.sql("insert into procedure_change (county_code, procedure, area_code) select county_code, procedure, area_code"
                            + " from procedure_case where procedure = :procedure and subject_id = any(:ids)")
                    .param("procedure", definition.name()).param("ids", ids).update();
        }
        List<AuditTrail.Change> changes = jdbc.sql("select c.subject_id, c.area_code, c.stage, c.publicity_start,"
                        + " c.publicity_end from procedure_case c where c.procedure = :procedure and c.subject_id = any(:ids)"
                        + " order by c.subject_id")
                .param("procedure", definition.name()).param("ids", ids)
                .query((rs, i) -> {
                    Map<String, Object> after = new java.util.LinkedHashMap<>();
                    after.put("stage", rs.getString(3));
                    after.put("publicityStart", rs.getObject(4, LocalDate.class));
                    after.put("publicityEnd", rs.getObject(5, LocalDate.class));
                    return new AuditTrail.Change(Long.toString(rs.getLong(1)), rs.getString(2), null, after);
                }).list();
        audit.recordEach(definition.entity(), step.toLowerCase(Locale.ROOT).replace('_', '-'), note, changes);
    }

    /** The cases named, locked for the step, in id order (so two bulk steps never wait on each other in a circle). */
    private List<Case> lock(Definition definition, List<Long> ids) {
        return jdbc.sql("select * from procedure_case where procedure = :procedure and subject_id = any(:ids)"
                        + " order by subject_id for update")
                .param("procedure", definition.name()).param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> Engine.caseOf(rs)).list();
    }

    /** The number of open objections of each case that has any. */
    Map<Long, Integer> openObjections(String procedure, List<Long> ids) {
        Map<Long, Integer> open = new LinkedHashMap<>();
        jdbc.sql("select subject_id, count(*) from objection where procedure = :procedure and subject_id = any(:ids)"
                        + " and state = 'OPEN' group by subject_id order by subject_id")
                .param("procedure", procedure).param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    open.put(rs.getLong(1), rs.getInt(2));
                });
        return open;
    }

    /** Checks the move itself, all problems at once; gives the day the step is logged as done. */
    private static LocalDate validate(Definition definition, Definition.Step step, Move move, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (move.ids().isEmpty()) {
            problems.add(new FieldProblem("ids", "required", "procedure.ids.required"));
        } else if (move.ids().size() > MAX_SUBJECTS) {
            problems.add(new FieldProblem("ids", "too-many", "procedure.ids.too-many", MAX_SUBJECTS));
        } else if (Set.copyOf(move.ids()).size() != move.ids().size()) {
            problems.add(new FieldProblem("ids", "twice", "procedure.ids.twice"));
        } else if (!step.bulk() && move.ids().size() > 1) {
            problems.add(new FieldProblem("ids", "one", "procedure.ids.one"));
        }
        if (step.kind().decision() && move.approved() == null) {
            problems.add(new FieldProblem("approved", "required", "procedure.approved.required"));
        }
        if (move.rejects() && blankToNull(move.note()) == null) {
            problems.add(new FieldProblem("note", "required", "procedure.note.required"));
        }
        if (move.note() != null && move.note().length() > 2000) {
            problems.add(new FieldProblem("note", "too-long", "household.too-long", 2000));
        }
        definition.rules().validate(step, move, problems);
        LocalDate doneOn = move.date() == null ? today : move.date();
        boolean dated = problems.stream().anyMatch(p -> move.dateField().equals(p.field()));
        if (step.kind() == Definition.Kind.STARTS_PUBLICITY) {
            // A list may be posted to start some days ahead, and one posted long ago may be entered now.
            if (doneOn.isAfter(today.plusDays(PUBLICITY_NOTICE_DAYS))) {
                problems.add(new FieldProblem(move.dateField(), "range", "procedure.publicity.ahead",
                        PUBLICITY_NOTICE_DAYS, today.plusDays(PUBLICITY_NOTICE_DAYS).toString()));
            }
        } else if (!dated && doneOn.isAfter(today)) {
            problems.add(new FieldProblem(move.dateField(), "future", "procedure.date.future", doneOn.toString(),
                    today.toString()));
        }
        if (move.attachment() != null) {
            if (!step.attachment()) {
                problems.add(new FieldProblem("attachment", "none", "procedure.attachment.none"));
            } else {
                try {
                    Attachments.check(move.attachment());
                } catch (DomainException e) {
                    problems.addAll(e.fieldProblems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return doneOn;
    }

    /** Refuses the problems found, if any, each case the caller reaches named by the definition's words for it. */
    private void refuseNamed(Definition definition, Caller caller, List<Case> found, Problems problems) {
        if (!problems.isEmpty()) {
            problems.name(definition.rules().names(found.stream().filter(c -> caller.reaches(c.areaCode()))
                    .map(Case::subjectId).toList()));
        }
        problems.refuseIfAny(DomainException.Kind.CONFLICT);
    }

    /** A stage's name, for refusals that name it in the user's language. */
    static MessageSourceResolvable stageKey(String stage) {
        return named("stage." + stage);
    }

    /** A message argument resolved in the user's language when the refusal is shown. */
    static MessageSourceResolvable named(String key) {
        return new DefaultMessageSourceResolvable(key);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
