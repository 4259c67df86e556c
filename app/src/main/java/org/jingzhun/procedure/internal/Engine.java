package org.jingzhun.procedure.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.jingzhun.procedure.Definition;
import org.jingzhun.procedure.Procedures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The engine's face: cases and their steps ({@link CaseSteps}), objections, the step log and attachments. */
@Service
class Engine implements Procedures {

    /** Who reads cases, their steps, objections and attachments. */
    static final Role[] READERS = {Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR};
    /** How long an announcement stays on the public lists. */
    static final int ANNOUNCED_DAYS = 365;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Definitions definitions;
    private final CaseSteps steps;
    private final Attachments attachments;
    private final ObjectionLimiter limiter;
    private final ObjectionChallenges challenges;
    private final JsonMapper json;

    Engine(JdbcClient jdbc, AuditTrail audit, Definitions definitions, CaseSteps steps, Attachments attachments,
           ObjectionLimiter limiter, ObjectionChallenges challenges, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.definitions = definitions;
        this.steps = steps;
        this.attachments = attachments;
        this.limiter = limiter;
        this.challenges = challenges;
        this.json = json;
    }

    @Override
    public Definition definition(String procedure) {
        return definitions.get(procedure);
    }

    @Override
    public List<Definition> definitions() {
        return definitions.all();
    }

    @Override
    public LocalDate startDay(LocalDate given, String field) {
        return steps.startDay(given, field);
    }

    @Override
    @Transactional
    public void start(String procedure, List<Subject> subjects, LocalDate day, Map<String, Object> details, String note) {
        steps.start(definitions.get(procedure), subjects, day, details, note);
    }

    @Override
    @Transactional
    public Result step(String procedure, Move move) {
        return steps.move(definitions.get(procedure), move);
    }

    @Override
    public Optional<Case> find(String procedure, long subjectId) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        return read(procedure, subjectId).filter(c -> caller.reaches(c.areaCode()));
    }

    @Override
    public List<String> openHolding(long holder) {
        return jdbc.sql("select distinct procedure from procedure_case where holder = :holder and not ended order by 1")
                .param("holder", holder).query(String.class).list();
    }

    @Override
    @Transactional
    public List<String> takeChangedAreas(String procedure, int limit) {
        return jdbc.sql("""
                delete from procedure_change where (id, county_code) in (
                    select id, county_code from procedure_change where procedure = :procedure order by id limit :limit
                       for update skip locked)
                returning area_code""").param("procedure", procedure).param("limit", limit).query(String.class).list()
                .stream().distinct().sorted().toList();
    }

    @Override
    public Optional<Case> inPublicity(String procedure, long subjectId) {
        LocalDate today = steps.today();
        Definition definition = definitions.get(procedure);
        return read(procedure, subjectId).filter(c -> definition.publicity(c.stage()) && c.publicityStart() != null
                && !today.isBefore(c.publicityStart()) && !today.isAfter(c.publicityEnd()));
    }

    private Optional<Case> read(String procedure, long subjectId) {
        return jdbc.sql("select * from procedure_case where procedure = :procedure and subject_id = :id")
                .param("procedure", procedure).param("id", subjectId).query((rs, i) -> caseOf(rs)).optional();
    }

    @Override
    public List<Case> published(String procedure, String areaCode, boolean inPublicity, int limit, long offset) {
        Definition definition = definitions.get(procedure);
        LocalDate today = steps.today();
        String[] stages = inPublicity
                ? definition.steps().stream().filter(s -> s.kind() == Definition.Kind.STARTS_PUBLICITY).map(Definition.Step::to)
                        .distinct().toArray(String[]::new)
                : definition.announced() == null ? new String[0] : new String[] {definition.announced()};
        if (stages.length == 0) {
            return List.of();
        }
        String when = inPublicity ? "c.publicity_start <= :today and c.publicity_end >= :today" : "c.stage_since >= :since";
        return jdbc.sql("select * from procedure_case c where c.procedure = :procedure and c.area_code like :area"
                        + " and c.stage = any(:stages) and " + when + " order by c.area_code, c.subject_id limit :limit offset :offset")
                .param("procedure", procedure).param("area", areaCode + "%").param("stages", stages).param("today", today)
                .param("since", today.minusDays(ANNOUNCED_DAYS)).param("limit", limit).param("offset", offset)
                .query((rs, i) -> caseOf(rs)).list();
    }

    @Override
    public List<Case> cases(String procedure, CaseQuery query) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        Definition definition = definitions.get(procedure);
        CaseLists.Where where = CaseLists.of(definition, query.stage(), query.filter(), steps.today());
        Caller.Restriction scope = caller.restrict("c.area_code");
        return jdbc.sql("select * from procedure_case c where " + where.sql() + " and " + scope.sql()
                        + " and c.area_code like :area order by c.area_code, c.subject_id limit :limit offset :offset")
                .params(where.parameters()).params(scope.parameters()).param("area", query.areaCode() + "%")
                .param("limit", query.size() + 1).param("offset", (long) query.page() * query.size())
                .query((rs, i) -> caseOf(rs)).list();
    }

    static Case caseOf(ResultSet rs) throws SQLException {
        return new Case(rs.getString("procedure"), rs.getLong("subject_id"), rs.getString("county_code"),
                rs.getString("area_code"), rs.getString("stage"), rs.getObject("stage_since", LocalDate.class),
                rs.getObject("publicity_start", LocalDate.class), rs.getObject("publicity_end", LocalDate.class),
                rs.getInt("version"));
    }

    /**
     * For each level that makes a step: rejected; accepted once a step that only levels above it make was made after
     * its last; approved once its last step is made; ready when the next step is one it makes; waiting otherwise.
     */
    @Override
    public Map<AreaLevel, Approval> approval(String procedure, long subjectId) {
        Definition definition = definitions.get(procedure);
        Case found = find(procedure, subjectId)
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.subject.not-found",
                        subjectId));
        List<Definition.Step> all = definition.steps();
        int next = definition.next(found.stage()).map(all::indexOf).orElse(all.size());
        Map<AreaLevel, Approval> states = new EnumMap<>(AreaLevel.class);
        for (AreaLevel level : AreaLevel.values()) {
            int last = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).maker().levels().contains(level)) {
                    last = i;
                }
            }
            if (last < 0) {
                continue;
            }
            if (Definition.REJECTED.equals(found.stage())) {
                states.put(level, Approval.REJECTED);
            } else if (next < all.size() && all.get(next).maker().levels().contains(level)) {
                states.put(level, Approval.READY);
            } else if (next <= last) {
                states.put(level, Approval.WAITING);
            } else {
                boolean above = false;
                for (int i = last + 1; i < next; i++) {
                    above |= all.get(i).maker().levels().stream().allMatch(l -> l.depth() < level.depth());
                }
                states.put(level, above ? Approval.ACCEPTED : Approval.APPROVED);
            }
        }
        return states;
    }

    // ---------------------------------------------------------------- objections

    @Override
    @Transactional
    public Objection object(String procedure, long subjectId, ObjectionForm form, String address, Proof proof) {
        Definition definition = definitions.get(procedure);
        Caller caller = address == null ? Caller.required() : null;
        List<FieldProblem> problems = new ArrayList<>();
        String text = CaseSteps.blankToNull(form.text());
        if (text == null || text.length() > 2000) {
            problems.add(new FieldProblem("text", "required", "procedure.objection.text"));
        }
        String name = CaseSteps.blankToNull(form.name());
        if (name != null && name.length() > 50) {
            problems.add(new FieldProblem("name", "too-long", "household.too-long", 50));
        }
        String contact = CaseSteps.blankToNull(form.contact());
        if (contact != null && contact.length() > 100) {
            problems.add(new FieldProblem("contact", "too-long", "household.too-long", 100));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        Case subject = read(procedure, subjectId)
                .filter(s -> caller == null || caller.reaches(s.areaCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.subject.not-found", subjectId));
        LocalDate today = steps.today();
        LocalDate filedOn = caller == null || form.filedOn() == null ? today : form.filedOn();
        if (!definition.publicity(subject.stage())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "procedure.objection.closed", subjectId);
        }
        if (filedOn.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem("filedOn", "future", "procedure.date.future",
                    filedOn.toString(), today.toString())));
        }
        if (filedOn.isBefore(subject.publicityStart()) || filedOn.isAfter(subject.publicityEnd())) {
            if (form.filedOn() == null || caller == null) {
                throw new DomainException(DomainException.Kind.CONFLICT, "procedure.objection.closed", subjectId);
            }
            throw DomainException.invalid(List.of(new FieldProblem("filedOn", "outside", "procedure.objection.outside",
                    filedOn.toString(), subject.publicityStart().toString(), subject.publicityEnd().toString())));
        }
        if (caller == null) {
            if (!limiter.allow(address)) {
                throw new DomainException(DomainException.Kind.TOO_MANY, "procedure.objection.too-many");
            }
            int bits = limiter.bitsRequired();
            if (bits > 0) {
                challenges.spend(proof, bits);
            }
            limiter.count(address);
        }
        long id = jdbc.sql("""
                insert into objection (procedure, subject_id, area_code, county_code, stage, text, name, contact, by_public,
                                       filed_by, filed_on, filed_at)
                values (:procedure, :subject, :area, area_county(:area), :stage, :text, :name, :contact, :public, :by, :filedOn, :now)
                returning id""")
                .param("filedOn", filedOn).param("now", ChinaClock.now())
                .param("procedure", procedure).param("subject", subjectId).param("area", subject.areaCode())
                .param("stage", subject.stage()).param("text", text).param("name", name, java.sql.Types.VARCHAR)
                .param("contact", contact, java.sql.Types.VARCHAR).param("public", caller == null)
                .param("by", caller == null ? null : caller.login(), java.sql.Types.VARCHAR)
                .query(Long.class).single();
        Objection filed = objection(id);
        if (caller != null) {
            audit.record("objection", Long.toString(id), "file", null, filed, null, subject.areaCode());
        }
        return filed;
    }

    @Override
    public Challenge challenge() {
        int required = limiter.bitsRequired();
        return challenges.issue(Math.max(required, limiter.leastBits()), required > 0);
    }

    @Override
    @Transactional
    public Objection decide(long objectionId, boolean upheld, String decision, LocalDate day) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.REVIEWER); // those who decide objections, whatever the procedure
        Objection before = objection(objectionId);
        if (!caller.reaches(before.areaCode())) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "procedure.objection.not-found", objectionId);
        }
        Definition definition = definitions.get(before.procedure());
        boolean decides = definition.objections().stream().anyMatch(maker -> caller.has(maker.role())
                && maker.actsAt(caller, before.areaCode()));
        if (!decides) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "procedure.objection.who");
        }
        String text = CaseSteps.blankToNull(decision);
        if (text == null || text.length() > 2000) {
            throw DomainException.invalid(List.of(new FieldProblem("decision", "required", "procedure.objection.decision-required")));
        }
        LocalDate today = steps.today();
        LocalDate decidedOn = day == null ? today : day;
        if (decidedOn.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem("decidedOn", "future", "procedure.date.future",
                    decidedOn.toString(), today.toString())));
        }
        if (decidedOn.isBefore(before.filedOn())) {
            throw DomainException.invalid(List.of(new FieldProblem("decidedOn", "before-filed",
                    "procedure.objection.before-filed", decidedOn.toString(), before.filedOn().toString())));
        }
        int updated = jdbc.sql("update objection set state = :state, decision = :decision, decided_by = :by, decided_on = :day,"
                        + " decided_at = :now where id = :id and state = 'OPEN'")
                .param("state", upheld ? "UPHELD" : "DISMISSED").param("decision", text).param("by", caller.login())
                .param("day", decidedOn).param("now", ChinaClock.now()).param("id", objectionId).update();
        if (updated == 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "procedure.objection.decided", objectionId);
        }
        if (upheld) {
            steps.reject(definition, before.subjectId(), decidedOn, text);
        }
        Objection after = objection(objectionId);
        audit.record("objection", Long.toString(objectionId), upheld ? "uphold" : "dismiss", before, after, text,
                before.areaCode());
        return after;
    }

    private Objection objection(long id) {
        return jdbc.sql("select * from objection where id = :id").param("id", id).query((rs, i) -> objection(rs)).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.objection.not-found", id));
    }

    private static Objection objection(ResultSet rs) throws SQLException {
        return new Objection(rs.getLong("id"), rs.getString("procedure"), rs.getLong("subject_id"),
                rs.getString("area_code"), rs.getString("stage"), rs.getString("text"), rs.getString("name"),
                rs.getString("contact"), rs.getBoolean("by_public"), rs.getString("filed_by"),
                rs.getObject("filed_on", LocalDate.class), rs.getObject("filed_at", OffsetDateTime.class),
                rs.getString("state"), rs.getString("decision"), rs.getString("decided_by"),
                rs.getObject("decided_on", LocalDate.class), rs.getObject("decided_at", OffsetDateTime.class));
    }

    @Override
    public List<Objection> objections(String procedure, long subjectId) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        Caller.Restriction scope = caller.restrict("area_code", "scope", "county_code");
        return jdbc.sql("select * from objection where procedure = :procedure and subject_id = :subject and " + scope.sql()
                        + " order by id")
                .params(scope.parameters()).param("procedure", procedure).param("subject", subjectId)
                .query((rs, i) -> objection(rs)).list();
    }

    // ---------------------------------------------------------------- the step log and attachments

    @Override
    @SuppressWarnings("unchecked")
    public List<LoggedStep> steps(String procedure, long subjectId) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        Caller.Restriction scope = caller.restrict("s.area_code", "scope", "s.county_code");
        return jdbc.sql("select s.*, a.file_name from procedure_step s left join attachment a on a.id = s.attachment_id"
                        + " where s.procedure = :procedure and s.subject_id = :subject and " + scope.sql() + " order by s.id")
                .params(scope.parameters()).param("procedure", procedure).param("subject", subjectId)
                .query((rs, i) -> new LoggedStep(rs.getLong("id"), rs.getString("step"), rs.getString("from_stage"),
                        rs.getString("to_stage"), rs.getObject("done_on", LocalDate.class), rs.getString("actor_login"),
                        rs.getObject("recorded_at", OffsetDateTime.class),
                        (Map<String, Object>) json.readValue(rs.getString("details"), Map.class), rs.getString("note"),
                        (Long) rs.getObject("attachment_id"), rs.getString("file_name")))
                .list();
    }

    @Override
    public Attachment attachment(long id) {
        Caller.required().requireAny(READERS);
        return attachments.get(id);
    }
}
