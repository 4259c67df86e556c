package org.jingzhun.identification.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRecord;
import org.jingzhun.identification.VillageCase;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdDisclosure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The public lists of an area, objections and their decisions, and the record of each subject's steps. */
@Service
class PublicLists implements Publicity {

    /** Lines of each public list on one page. */
    static final int PAGE_SIZE = 200;
    /** How long an announcement stays on the public lists. */
    static final int ANNOUNCED_DAYS = 365;

    private final JdbcClient jdbc;
    private final Areas areas;
    private final AuditTrail audit;
    private final ProcedureSteps steps;
    private final ApplicationRows households;
    private final VillageCaseRows villages;
    private final Attachments attachments;
    private final ObjectionLimiter limiter;
    private final ObjectionChallenges challenges;
    private final JsonMapper json;

    PublicLists(JdbcClient jdbc, Areas areas, AuditTrail audit, ProcedureSteps steps, ApplicationRows households,
                VillageCaseRows villages, Attachments attachments, ObjectionLimiter limiter, ObjectionChallenges challenges,
                JsonMapper json) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.audit = audit;
        this.steps = steps;
        this.households = households;
        this.villages = villages;
        this.attachments = attachments;
        this.limiter = limiter;
        this.challenges = challenges;
        this.json = json;
    }

    @Override
    public Notices notices(String areaCode, int page) {
        String code = areaCode == null ? "" : areaCode.strip();
        Area area = areas.find(code).filter(a -> !a.retired() && a.level().depth() >= AreaLevel.COUNTY.depth())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.public.area", code));
        LocalDate today = steps.today();
        long offset = (long) Math.max(page, 0) * PAGE_SIZE;
        Map<String, Object> params = Map.of("area", code + "%", "today", today, "since", today.minusDays(ANNOUNCED_DAYS));
        List<Notice> inPublicity = new ArrayList<>();
        households.read("a.village_code like :area and a.stage in ('FIRST_PUBLICITY', 'SECOND_PUBLICITY')"
                        + " and a.publicity_start <= :today and a.publicity_end >= :today", params, Map.of(), PAGE_SIZE + 1, offset,
                        HouseholdDisclosure.PUBLIC)
                .forEach(a -> inPublicity.add(notice(a, a.publicityStart(), a.publicityEnd())));
        villages.cases("c.village_code like :area and c.stage = 'PUBLICITY' and c.publicity_start <= :today"
                        + " and c.publicity_end >= :today", params, Map.of())
                .forEach(c -> inPublicity.add(notice(c, c.publicityStart(), c.publicityEnd())));
        List<Notice> announced = new ArrayList<>();
        households.read("a.village_code like :area and a.stage = 'ANNOUNCED' and a.stage_since >= :since", params, Map.of(),
                        PAGE_SIZE + 1, offset, HouseholdDisclosure.PUBLIC)
                .forEach(a -> announced.add(notice(a, null, null)));
        villages.cases("c.village_code like :area and c.stage = 'ANNOUNCED' and c.stage_since >= :since", params, Map.of())
                .forEach(c -> announced.add(notice(c, null, null)));
        boolean more = inPublicity.size() > PAGE_SIZE || announced.size() > PAGE_SIZE;
        return new Notices(code, area.fullName(), inPublicity.subList(0, Math.min(PAGE_SIZE, inPublicity.size())),
                announced.subList(0, Math.min(PAGE_SIZE, announced.size())), more);
    }

    @Override
    public java.util.Optional<Notice> inPublicity(Procedure procedure, long subjectId) {
        Map<String, Object> params = Map.of("id", subjectId, "today", steps.today());
        return procedure == Procedure.HOUSEHOLD
                ? households.read("a.id = :id and a.stage in ('FIRST_PUBLICITY', 'SECOND_PUBLICITY')"
                        + " and a.publicity_start <= :today and a.publicity_end >= :today", params, Map.<String, Object>of(), 1, 0L,
                        HouseholdDisclosure.PUBLIC)
                .stream().findFirst().map(a -> notice(a, a.publicityStart(), a.publicityEnd()))
                : villages.cases("c.id = :id and c.stage = 'PUBLICITY' and c.publicity_start <= :today"
                        + " and c.publicity_end >= :today", params, Map.of())
                .stream().findFirst().map(c -> notice(c, c.publicityStart(), c.publicityEnd()));
    }

    private static Notice notice(Application a, LocalDate from, LocalDate to) {
        return new Notice(Procedure.HOUSEHOLD, a.id(), a.villageCode(), a.villageName(), a.stage(), from, to, a.headName(),
                a.headIdNumber(), a.members(), a.category(), a.mainCause(), a.incomeTest(), null);
    }

    private static Notice notice(VillageCase c, LocalDate from, LocalDate to) {
        return new Notice(Procedure.VILLAGE, c.id(), c.villageCode(), c.villageName(), c.stage(), from, to, null, null, null,
                null, null, null, c.assessment());
    }

    @Override
    @Transactional // its own, not a default method of the interface: called on the proxy, it needs the transaction too
    public Objection object(Procedure procedure, long subjectId, Objection.Form form, String address) {
        return object(procedure, subjectId, form, address, null);
    }

    @Override
    @Transactional
    public Objection object(Procedure procedure, long subjectId, Objection.Form form, String address,
                            Objection.Proof proof) {
        Caller caller = address == null ? Caller.required() : null;
        List<FieldProblem> problems = new ArrayList<>();
        String text = ProcedureSteps.blankToNull(form.text());
        if (text == null || text.length() > 2000) {
            problems.add(new FieldProblem("text", "required", "identification.objection.text"));
        }
        String name = ProcedureSteps.blankToNull(form.name());
        if (name != null && name.length() > 50) {
            problems.add(new FieldProblem("name", "too-long", "household.too-long", 50));
        }
        String contact = ProcedureSteps.blankToNull(form.contact());
        if (contact != null && contact.length() > 100) {
            problems.add(new FieldProblem("contact", "too-long", "household.too-long", 100));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        String table = procedure == Procedure.HOUSEHOLD ? "household_application" : "village_identification";
        Subject subject = jdbc.sql("select id, stage, village_code, stage_since, publicity_start, publicity_end from " + table
                        + " where id = :id")
                .param("id", subjectId)
                .query((rs, i) -> new Subject(rs.getLong(1), Stage.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                .optional()
                .filter(s -> caller == null || caller.reaches(s.villageCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.subject.not-found", subjectId));
        LocalDate today = steps.today();
        LocalDate filedOn = caller == null || form.filedOn() == null ? today : form.filedOn();
        if (!subject.stage().publicity()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "identification.objection.closed", subjectId);
        }
        if (filedOn.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem("filedOn", "future", "identification.date.future",
                    filedOn.toString(), today.toString())));
        }
        if (filedOn.isBefore(subject.publicityStart()) || filedOn.isAfter(subject.publicityEnd())) {
            if (form.filedOn() == null || caller == null) {
                throw new DomainException(DomainException.Kind.CONFLICT, "identification.objection.closed", subjectId);
            }
            throw DomainException.invalid(List.of(new FieldProblem("filedOn", "outside", "identification.objection.outside",
                    filedOn.toString(), subject.publicityStart().toString(), subject.publicityEnd().toString())));
        }
        if (caller == null) {
            if (!limiter.allow(address)) {
                throw new DomainException(DomainException.Kind.TOO_MANY, "identification.objection.too-many");
            }
            int bits = limiter.bitsRequired();
            if (bits > 0) {
                challenges.spend(proof, bits);
            }
            limiter.count(address);
        }
        long id = jdbc.sql("""
                insert into objection (procedure, subject_id, area_code, stage, text, name, contact, by_public, filed_by,
                                       filed_on, filed_at)
                values (:procedure, :subject, :area, :stage, :text, :name, :contact, :public, :by, :filedOn, :now)
                returning id""")
                .param("filedOn", filedOn).param("now", ChinaClock.now())
                .param("procedure", procedure.name()).param("subject", subjectId).param("area", subject.villageCode())
                .param("stage", subject.stage().name()).param("text", text).param("name", name, java.sql.Types.VARCHAR)
                .param("contact", contact, java.sql.Types.VARCHAR).param("public", caller == null)
                .param("by", caller == null ? null : caller.login(), java.sql.Types.VARCHAR)
                .query(Long.class).single();
        Objection filed = objection(id);
        if (caller != null) {
            audit.record("objection", Long.toString(id), "file", null, filed, null, subject.villageCode());
        }
        return filed;
    }

    @Override
    public Objection.Challenge challenge() {
        int required = limiter.bitsRequired();
        return challenges.issue(Math.max(required, limiter.leastBits()), required > 0);
    }

    // The shorter form runs in the transaction too: as a default method of the interface it called the longer
    // form on this object, past the transactional proxy.
    @Override
    @Transactional
    public Objection decide(long objectionId, boolean upheld, String decision) {
        return decide(objectionId, upheld, decision, null);
    }

    @Override
    @Transactional
    public Objection decide(long objectionId, boolean upheld, String decision, LocalDate day) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.REVIEWER);
        Objection before = objection(objectionId);
        if (!caller.reaches(before.areaCode())) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "identification.objection.not-found", objectionId);
        }
        boolean decides = (caller.has(Role.DATA_ENTRY) && Levels.actsAt(caller, before.areaCode(), Procedure.applicantLevels()))
                || (caller.has(Role.REVIEWER) && Levels.actsAt(caller, before.areaCode(),
                java.util.EnumSet.of(AreaLevel.TOWNSHIP, AreaLevel.COUNTY)));
        if (!decides) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "identification.objection.who");
        }
        String text = ProcedureSteps.blankToNull(decision);
        if (text == null || text.length() > 2000) {
            throw DomainException.invalid(List.of(new FieldProblem("decision", "required", "identification.objection.decision-required")));
        }
        LocalDate today = steps.today();
        LocalDate decidedOn = day == null ? today : day;
        if (decidedOn.isAfter(today)) {
            throw DomainException.invalid(List.of(new FieldProblem("decidedOn", "future", "identification.date.future",
                    decidedOn.toString(), today.toString())));
        }
        if (decidedOn.isBefore(before.filedOn())) {
            throw DomainException.invalid(List.of(new FieldProblem("decidedOn", "before-filed",
                    "identification.objection.before-filed", decidedOn.toString(), before.filedOn().toString())));
        }
        int updated = jdbc.sql("update objection set state = :state, decision = :decision, decided_by = :by, decided_on = :day,"
                        + " decided_at = :now where id = :id and state = 'OPEN'")
                .param("state", upheld ? "UPHELD" : "DISMISSED").param("decision", text).param("by", caller.login())
                .param("day", decidedOn).param("now", ChinaClock.now()).param("id", objectionId).update();
        if (updated == 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "identification.objection.decided", objectionId);
        }
        if (upheld) {
            steps.reject(before.procedure(), before.subjectId(), Step.OBJECTION_UPHELD, decidedOn, text);
        }
        Objection after = objection(objectionId);
        audit.record("objection", Long.toString(objectionId), upheld ? "uphold" : "dismiss", before, after, text,
                before.areaCode());
        return after;
    }

    private Objection objection(long id) {
        return jdbc.sql("select * from objection where id = :id").param("id", id).query((rs, i) -> objection(rs)).optional()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.objection.not-found", id));
    }

    private static Objection objection(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Objection(rs.getLong("id"), Procedure.valueOf(rs.getString("procedure")), rs.getLong("subject_id"),
                rs.getString("area_code"), Stage.valueOf(rs.getString("stage")), rs.getString("text"), rs.getString("name"),
                rs.getString("contact"), rs.getBoolean("by_public"), rs.getString("filed_by"),
                rs.getObject("filed_on", LocalDate.class), rs.getObject("filed_at", OffsetDateTime.class),
                Objection.State.valueOf(rs.getString("state")), rs.getString("decision"), rs.getString("decided_by"),
                rs.getObject("decided_on", LocalDate.class), rs.getObject("decided_at", OffsetDateTime.class));
    }

    @Override
    public List<Objection> objections(Procedure procedure, long subjectId) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("area_code");
        return jdbc.sql("select * from objection where procedure = :procedure and subject_id = :subject and " + scope.sql()
                        + " order by id")
                .params(scope.parameters()).param("procedure", procedure.name()).param("subject", subjectId)
                .query((rs, i) -> objection(rs)).list();
    }

    @Override
    public List<StepRecord> steps(Procedure procedure, long subjectId) {
        Caller caller = Caller.required();
        caller.requireAny(HouseholdProcedure.READERS);
        Caller.Restriction scope = caller.restrict("s.area_code");
        return jdbc.sql("select s.*, a.file_name from procedure_step s left join attachment a on a.id = s.attachment_id"
                        + " where s.procedure = :procedure and s.subject_id = :subject and " + scope.sql() + " order by s.id")
                .params(scope.parameters()).param("procedure", procedure.name()).param("subject", subjectId)
                .query((rs, i) -> new StepRecord(rs.getLong("id"), Step.valueOf(rs.getString("step")),
                        rs.getString("from_stage") == null ? null : Stage.valueOf(rs.getString("from_stage")),
                        Stage.valueOf(rs.getString("to_stage")), rs.getObject("done_on", LocalDate.class),
                        rs.getString("actor_login"), rs.getObject("recorded_at", OffsetDateTime.class),
                        json.readValue(rs.getString("details"), Map.class), rs.getString("note"),
                        (Long) rs.getObject("attachment_id"), rs.getString("file_name")))
                .list();
    }

    @Override
    public Attachment attachment(long id) {
        Caller.required().requireAny(HouseholdProcedure.READERS);
        return attachments.get(id);
    }
}
