package org.jingzhun.identification.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.StepResult;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves the subjects of either procedure along its rules, a whole list at once or none of it: the subjects are
 * locked, every check is made for every subject (stage, the caller's role and level, the publicity's end, open
 * objections, and the procedure's own), and only then are the stage, the step's record and the audit written,
 * each with one statement for the whole list.
 */
@Component
class ProcedureSteps {

    /** The most subjects one step may name: a large county's whole list. */
    static final int MAX_SUBJECTS = 200_000;
    /** How far ahead a publicity may be posted. */
    static final int PUBLICITY_NOTICE_DAYS = 30;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Attachments attachments;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<Procedure, Subjects> subjects = new EnumMap<>(Procedure.class);

    ProcedureSteps(JdbcClient jdbc, AuditTrail audit, Attachments attachments, Clock clock, JsonMapper json,
                   List<Subjects> procedures) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.attachments = attachments;
        this.clock = clock;
        this.json = json;
        procedures.forEach(kind -> subjects.put(kind.procedure(), kind));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Makes a step of the procedure for every subject the request names, or refuses it whole. */
    @Transactional(propagation = Propagation.MANDATORY)
    StepResult move(Procedure procedure, StepRequest request) {
        Caller caller = Caller.required();
        Procedure.Rule rule = request.step() == null ? null : procedure.rule(request.step()).orElse(null);
        if (rule == null) {
            throw DomainException.invalid(List.of(new FieldProblem("step", "unknown", "identification.step.unknown",
                    String.valueOf(request.step()))));
        }
        caller.requireAny(rule.role());
        LocalDate today = today();
        LocalDate doneOn = validate(rule, request, today);
        Subjects kind = subjects.get(procedure);
        List<Subject> found = lock(kind, request.ids());

        Problems problems = new Problems();
        Map<Long, Subject> byId = found.stream().collect(Collectors.toMap(Subject::id, s -> s));
        for (long id : request.ids()) {
            Subject subject = byId.get(id);
            if (subject == null || !caller.reaches(subject.villageCode())) {
                problems.of(id, "not-found", "identification.subject.not-found");
            } else if (subject.stage() != rule.from()) {
                problems.of(id, "stage", "identification.subject.stage", stageKey(subject.stage()), stageKey(rule.from()));
            } else if (!Levels.actsAt(caller, subject.villageCode(), rule.levels())) {
                problems.of(id, "level", "identification.subject.level", named("role." + rule.role()),
                        named("identification.levels." + rule.levelsKey()));
            } else if (rule.kind() == Procedure.Kind.DECISION_AFTER_PUBLICITY && subject.publicityEnd() != null
                    && !today.isAfter(subject.publicityEnd())) {
                problems.of(id, "publicity", "identification.subject.in-publicity", subject.publicityEnd());
            }
        }
        refuseNamed(procedure, caller, found, problems);
        inOrder(procedure, rule, request, doneOn, found);
        if (problems.isEmpty()) {
            openObjections(procedure, request.ids()).forEach((id, open) ->
                    problems.of(id, "objection", "identification.subject.objection-open", open));
        }
        if (problems.isEmpty()) {
            kind.check(rule, request, found, problems);
        }
        refuseNamed(procedure, caller, found, problems);

        Long attachment = request.attachment() == null ? null
                : attachments.store(request.attachment(), Levels.commonArea(found.stream().map(Subject::villageCode).toList()));
        Stage to = rule.kind().decision() && request.rejects() ? Stage.REJECTED : rule.to();
        boolean publicity = rule.kind() == Procedure.Kind.STARTS_PUBLICITY;
        Long[] ids = request.ids().toArray(Long[]::new);
        // The stage is reached on the step's day (a publicity's: its start), which may be long before it was entered.
        jdbc.sql("update " + kind.table() + " s set stage = :to, stage_since = :doneOn, version = s.version + 1,"
                        + " updated_at = :now,"
                        + " publicity_start = case when :publicity then cast(:start as date) else s.publicity_start end,"
                        + " publicity_end = case when :publicity then cast(:start as date) + " + kind.publicityDays()
                        + " - 1 else s.publicity_end end"
                        + " where s.id = any(:ids)")
                .param("to", to.name()).param("doneOn", doneOn).param("now", ChinaClock.now()).param("publicity", publicity)
                .param("start", publicity ? doneOn : null, java.sql.Types.DATE).param("ids", ids).update();
        record(kind, rule.step(), rule.from(), to, doneOn, details(request), request.note(), attachment, ids);
        kind.reached(to, request.ids(), request, doneOn);
        return new StepResult(rule.step(), to == Stage.REJECTED ? 0 : ids.length, to == Stage.REJECTED ? ids.length : 0);
    }

    /**
     * Ends a subject as rejected outside the rules' steps (an upheld objection), from whatever stage it is in,
     * with the step's record, the audit and the procedure's consequences.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void reject(Procedure procedure, long id, Step step, LocalDate day, String note) {
        Subjects kind = subjects.get(procedure);
        Subject subject = lock(kind, List.of(id)).getFirst();
        if (subject.stage().ended()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "identification.subject.ended", id,
                    stageKey(subject.stage()));
        }
        jdbc.sql("update " + kind.table() + " set stage = 'REJECTED', stage_since = :day, version = version + 1,"
                        + " updated_at = :now where id = :id")
                .param("day", day).param("now", ChinaClock.now()).param("id", id).update();
        record(kind, step, subject.stage(), Stage.REJECTED, day, Map.of(), note, null, new Long[] {id});
        kind.reached(Stage.REJECTED, List.of(id), new StepRequest(step, List.of(id), false, day, note, null, null, null), day);
    }

    /** Records the first step of new subjects (their application, made on {@code day}), with the audit. */
    @Transactional(propagation = Propagation.MANDATORY)
    void started(Procedure procedure, List<Long> ids, LocalDate day, Map<String, Object> details, String note) {
        record(subjects.get(procedure), Step.APPLY, null, Stage.APPLIED, day, details, note, null, ids.toArray(Long[]::new));
    }

    /**
     * The day of an application: the one given, else today; never in the future. Refused with a problem naming
     * {@code field}.
     */
    LocalDate applicationDay(LocalDate given, String field) {
        LocalDate today = today();
        LocalDate day = given == null ? today : given;
        if (day.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem(field, "future", "identification.date.future",
                    day.toString(), today.toString())));
        }
        return day;
    }

    /**
     * Refuses a step dated before what it follows, naming the date's field for each subject: before the
     * subject's last step or the decision of one of its objections, or, after a publicity, on or before its last
     * day. Procedures held on paper are entered later with their real days, so the order of the days is checked,
     * not the day they are entered.
     */
    private void inOrder(Procedure procedure, Procedure.Rule rule, StepRequest request, LocalDate doneOn, List<Subject> found) {
        String field = rule.step() == Step.APPRAISE ? "appraisal.meetingDate" : "date";
        Map<Long, LocalDate> previous = new HashMap<>();
        jdbc.sql("""
                select id, max(day) from (
                    select subject_id as id, done_on as day from procedure_step
                     where procedure = :procedure and subject_id = any(:ids)
                    union all
                    select subject_id, decided_on from objection
                     where procedure = :procedure and subject_id = any(:ids) and decided_on is not null) days
                 group by id""")
                .param("procedure", procedure.name()).param("ids", request.ids().toArray(Long[]::new))
                .query(rs -> {
                    previous.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        Problems problems = new Problems();
        for (Subject subject : found) {
            LocalDate before = previous.get(subject.id());
            if (rule.kind() == Procedure.Kind.DECISION_AFTER_PUBLICITY && subject.publicityEnd() != null
                    && !doneOn.isAfter(subject.publicityEnd())) {
                problems.add(field, "in-publicity", "identification.date.in-publicity", String.valueOf(subject.id()),
                        doneOn.toString(), subject.publicityEnd().toString());
            } else if (before != null && doneOn.isBefore(before)) {
                problems.add(field, "before-previous", "identification.date.before-previous", String.valueOf(subject.id()),
                        doneOn.toString(), before.toString());
            }
        }
        problems.refuseIfAny(DomainException.Kind.INVALID);
    }

    private void record(Subjects kind, Step step, Stage from, Stage to, LocalDate doneOn, Map<String, Object> details,
                        String note, Long attachment, Long[] ids) {
        Caller caller = Caller.required();
        jdbc.sql("insert into procedure_step (procedure, subject_id, step, from_stage, to_stage, done_on, area_code,"
                        + " actor_id, actor_login, recorded_at, details, note, attachment_id)"
                        + " select :procedure, s.id, :step, :from, :to, :doneOn, s.village_code, :actorId, :actorLogin, :now,"
                        + " cast(:details as jsonb), :note, :attachment from " + kind.table() + " s where s.id = any(:ids)")
                .param("procedure", kind.procedure().name()).param("step", step.name())
                .param("from", from == null ? null : from.name(), java.sql.Types.VARCHAR).param("to", to.name())
                .param("doneOn", doneOn).param("actorId", caller.userId()).param("actorLogin", caller.login())
                .param("now", ChinaClock.now()).param("details", json.writeValueAsString(details))
                .param("note", blankToNull(note), java.sql.Types.VARCHAR)
                .param("attachment", attachment, java.sql.Types.BIGINT).param("ids", ids).update();
        audit.recordEach(kind.entity(), step.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "select s.id::text as entity_id, s.village_code as area_code,"
                        + " jsonb_build_object('stage', s.stage, 'publicityStart', s.publicity_start,"
                        + " 'publicityEnd', s.publicity_end) as after from " + kind.table() + " s where s.id = any(:ids)",
                Map.of("ids", ids), note);
    }

    /** The subjects named, locked for the step, in id order (so two bulk steps never wait on each other in a circle). */
    private List<Subject> lock(Subjects kind, List<Long> ids) {
        return jdbc.sql("select id, stage, village_code, stage_since, publicity_start, publicity_end from " + kind.table()
                        + " where id = any(:ids) order by id for update")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> new Subject(rs.getLong("id"), Stage.valueOf(rs.getString("stage")),
                        rs.getString("village_code"), rs.getObject("stage_since", LocalDate.class),
                        rs.getObject("publicity_start", LocalDate.class), rs.getObject("publicity_end", LocalDate.class)))
                .list();
    }

    /** The number of open objections of each subject that has any. */
    Map<Long, Integer> openObjections(Procedure procedure, List<Long> ids) {
        Map<Long, Integer> open = new LinkedHashMap<>();
        jdbc.sql("select subject_id, count(*) from objection where procedure = :procedure and subject_id = any(:ids)"
                        + " and state = 'OPEN' group by subject_id order by subject_id")
                .param("procedure", procedure.name()).param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    open.put(rs.getLong(1), rs.getInt(2));
                });
        return open;
    }

    /** Checks the request itself, all problems at once; gives the day the step is recorded as done. */
    private static LocalDate validate(Procedure.Rule rule, StepRequest request, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.ids().isEmpty()) {
            problems.add(new FieldProblem("ids", "required", "identification.ids.required"));
        } else if (request.ids().size() > MAX_SUBJECTS) {
            problems.add(new FieldProblem("ids", "too-many", "identification.ids.too-many", MAX_SUBJECTS));
        } else if (Set.copyOf(request.ids()).size() != request.ids().size()) {
            problems.add(new FieldProblem("ids", "twice", "identification.ids.twice"));
        }
        if (rule.kind().decision() && request.approved() == null) {
            problems.add(new FieldProblem("approved", "required", "identification.approved.required"));
        }
        if (request.rejects() && blankToNull(request.note()) == null) {
            problems.add(new FieldProblem("note", "required", "identification.note.required"));
        }
        if (request.note() != null && request.note().length() > 2000) {
            problems.add(new FieldProblem("note", "too-long", "household.too-long", 2000));
        }
        if (request.exception() != null && request.exception().length() > 2000) {
            problems.add(new FieldProblem("exception", "too-long", "household.too-long", 2000));
        }
        // The step's day: given, or today; the appraisal's is its meeting's.
        LocalDate doneOn = request.date() == null ? today : request.date();
        if (rule.step() == Step.APPRAISE) {
            StepRequest.Appraisal appraisal = request.appraisal();
            if (appraisal == null || appraisal.meetingDate() == null) {
                problems.add(new FieldProblem("appraisal.meetingDate", "required", "identification.appraisal.date"));
            } else if (appraisal.meetingDate().isAfter(today)) {
                problems.add(new FieldProblem("appraisal.meetingDate", "future", "identification.appraisal.future"));
            } else if (request.date() != null && !request.date().equals(appraisal.meetingDate())) {
                problems.add(new FieldProblem("date", "meeting", "identification.appraisal.date-differs",
                        request.date().toString(), appraisal.meetingDate().toString()));
            } else {
                doneOn = appraisal.meetingDate();
            }
            if (appraisal == null || appraisal.participants() == null || appraisal.participants() < 1) {
                problems.add(new FieldProblem("appraisal.participants", "required", "identification.appraisal.participants"));
            } else if (appraisal.votesFor() != null || appraisal.votesAgainst() != null) {
                int votesFor = appraisal.votesFor() == null ? 0 : appraisal.votesFor();
                int votesAgainst = appraisal.votesAgainst() == null ? 0 : appraisal.votesAgainst();
                if (votesFor < 0 || votesAgainst < 0 || votesFor + votesAgainst > appraisal.participants()) {
                    problems.add(new FieldProblem("appraisal.votesFor", "votes", "identification.appraisal.votes",
                            appraisal.participants()));
                } else if (request.approved() != null && request.approved() != (votesFor > votesAgainst)) {
                    problems.add(new FieldProblem("approved", "votes", "identification.appraisal.outcome", votesFor, votesAgainst));
                }
            }
        }
        if (rule.kind() == Procedure.Kind.STARTS_PUBLICITY) {
            // A list may be posted to start some days ahead, and one posted long ago may be entered now.
            if (doneOn.isAfter(today.plusDays(PUBLICITY_NOTICE_DAYS))) {
                problems.add(new FieldProblem("date", "range", "identification.publicity.ahead", PUBLICITY_NOTICE_DAYS,
                        today.plusDays(PUBLICITY_NOTICE_DAYS).toString()));
            }
        } else if (rule.step() != Step.APPRAISE && doneOn.isAfter(today)) {
            problems.add(new FieldProblem("date", "future", "identification.date.future", doneOn.toString(), today.toString()));
        }
        if (request.attachment() != null) {
            try {
                Attachments.check(request.attachment());
            } catch (DomainException e) {
                problems.addAll(e.fieldProblems());
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return doneOn;
    }

    /** What the step's record keeps besides who and when: the decision and the appraisal's figures. */
    private static Map<String, Object> details(StepRequest request) {
        Map<String, Object> details = new HashMap<>();
        if (request.approved() != null) {
            details.put("approved", request.approved());
        }
        if (request.appraisal() != null) {
            details.put("meetingDate", String.valueOf(request.appraisal().meetingDate()));
            details.put("participants", request.appraisal().participants());
            details.put("votesFor", request.appraisal().votesFor());
            details.put("votesAgainst", request.appraisal().votesAgainst());
        }
        if (blankToNull(request.exception()) != null) {
            details.put("exception", request.exception().strip());
        }
        return details;
    }

    /** A stage's name, for refusals that name it in the user's language. */
    static MessageSourceResolvable stageKey(Stage stage) {
        return named("stage." + stage);
    }

    /** A message argument resolved in the user's language when the refusal is shown. */
    /** Refuses the problems found, if any, each subject the caller reaches named by its household or village. */
    private void refuseNamed(Procedure procedure, Caller caller, List<Subject> found, Problems problems) {
        if (!problems.isEmpty()) {
            List<Long> reached = found.stream().filter(s -> caller.reaches(s.villageCode())).map(Subject::id).toList();
            problems.name(procedure == Procedure.HOUSEHOLD ? SubjectNames.ofApplications(jdbc, reached)
                    : SubjectNames.ofVillageCases(jdbc, reached));
        }
        problems.refuseIfAny(DomainException.Kind.CONFLICT);
    }

    static MessageSourceResolvable named(String key) {
        return new DefaultMessageSourceResolvable(key);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
