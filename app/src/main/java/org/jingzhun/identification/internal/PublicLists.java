package org.jingzhun.identification.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jingzhun.area.Area;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRecord;
import org.jingzhun.identification.VillageCase;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Round;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.jingzhun.procedure.Procedures;
import org.jingzhun.registry.HouseholdDisclosure;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public lists of an area; objections and their decisions, and the log of each subject's steps, as the
 * procedure engine keeps them, in identification's words.
 */
@Service
class PublicLists implements Publicity {

    /** Lines of each public list on one page. */
    static final int PAGE_SIZE = 200;
    /** Lines of a notice-board sheet: a village's households, however large the village. */
    static final int BOARD_LINES = 2000;

    private final Areas areas;
    private final Procedures procedures;
    private final ApplicationRows households;
    private final VillageCaseRows villages;

    private final HouseholdIdentification rounds;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    PublicLists(Areas areas, Procedures procedures, ApplicationRows households, VillageCaseRows villages,
                @Lazy HouseholdIdentification rounds, JdbcClient jdbc, AuditTrail audit) {
        this.rounds = rounds;
        this.jdbc = jdbc;
        this.audit = audit;
        this.areas = areas;
        this.procedures = procedures;
        this.households = households;
        this.villages = villages;
    }

    @Override
    public Notices notices(String areaCode, int page) {
        String code = areaCode == null ? "" : areaCode.strip();
        Area area = areas.find(code).filter(a -> !a.retired() && a.level().depth() >= AreaLevel.COUNTY.depth())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.public.area", code));
        long offset = (long) Math.max(page, 0) * PAGE_SIZE;
        List<Notice> inPublicity = new ArrayList<>(lines(true, code, offset));
        List<Notice> announced = new ArrayList<>(lines(false, code, offset));
        boolean more = inPublicity.size() > PAGE_SIZE || announced.size() > PAGE_SIZE;
        return new Notices(code, area.fullName(), inPublicity.subList(0, Math.min(PAGE_SIZE, inPublicity.size())),
                announced.subList(0, Math.min(PAGE_SIZE, announced.size())), more,
                code.length() >= 6 ? hotline(code.substring(0, 6)) : NATIONAL_HOTLINE);
    }

    @Override
    public NoticeBoard noticeBoard(long roundId, String villageCode, boolean announcement) {
        Caller caller = Caller.required();
        caller.requireAny(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR);
        String village = villageCode == null ? "" : villageCode.strip();
        Round round = rounds.round(roundId); // absent outside the caller's areas
        Area area = areas.find(village).filter(a -> a.level() == AreaLevel.VILLAGE && village.startsWith(round.countyCode())
                        && caller.reaches(village))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "identification.public.area", village));
        // The engine publishes the village's cases of every round: the sheet keeps this round's.
        List<Long> ids = procedures.published(Procedure.HOUSEHOLD.name(), village, !announcement, BOARD_LINES + 1, 0).stream()
                .map(Procedures.Case::subjectId).toList();
        List<Notice> lines = ids.isEmpty() ? List.of()
                : households.read("a.id = any(:ids) and a.round_id = :round", Map.of("ids", ids.toArray(Long[]::new),
                        "round", roundId), Map.of(), ids.size(), 0L, HouseholdDisclosure.PUBLIC).stream()
                .map(a -> notice(a, announcement ? null : a.publicityStart(), announcement ? null : a.publicityEnd())).toList();
        String township = areas.find(village.substring(0, 9)).map(Area::name).orElse(village.substring(0, 9));
        return new NoticeBoard(roundId, round.year(), round.countyName(), village, area.name(), township, announcement,
                lines.subList(0, Math.min(lines.size(), BOARD_LINES)),
                lines.stream().map(Notice::from).filter(java.util.Objects::nonNull).min(LocalDate::compareTo).orElse(null),
                lines.stream().map(Notice::to).filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null),
                lines.stream().map(Notice::announcedOn).filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null),
                hotline(round.countyCode()), ids.size() > BOARD_LINES);
    }

    @Override
    public String hotline(String countyCode) {
        return jdbc.sql("select hotline from county_setting where county_code = :county").param("county", countyCode)
                .query(String.class).optional().orElse(NATIONAL_HOTLINE);
    }

    @Override
    @Transactional
    public void setHotline(String countyCode, String hotline) {
        Caller caller = Caller.required();
        caller.requireAny(Role.REVIEWER, Role.ADMINISTRATOR);
        String county = countyCode == null ? "" : countyCode.strip();
        if (!county.matches("\\d{6}") || !caller.reaches(county)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "identification.public.area", county);
        }
        String number = hotline == null ? "" : hotline.strip();
        if (!number.matches("[0-9][0-9 -]{2,19}")) {
            throw DomainException.invalid(List.of(new DomainException.FieldProblem("hotline", "format",
                    "identification.hotline.format")));
        }
        String before = hotline(county);
        jdbc.sql("insert into county_setting (county_code, hotline, updated_by, updated_at) values (:county, :hotline, :by, :now)"
                        + " on conflict (county_code) do update set hotline = excluded.hotline, updated_by = excluded.updated_by,"
                        + " updated_at = excluded.updated_at")
                .param("county", county).param("hotline", number).param("by", caller.login())
                .param("now", org.jingzhun.platform.ChinaClock.now()).update();
        audit.record("county-setting", county, "hotline", Map.of("hotline", before), Map.of("hotline", number), null, county);
    }

    /** One list of an area, as the engine publishes the cases: households first, then villages, each one page. */
    private List<Notice> lines(boolean inPublicity, String area, long offset) {
        List<Notice> lines = new ArrayList<>();
        for (Procedure procedure : Procedure.values()) {
            List<Long> ids = procedures.published(procedure.name(), area, inPublicity, PAGE_SIZE + 1, offset).stream()
                    .map(Procedures.Case::subjectId).toList();
            lines.addAll(show(procedure, ids, inPublicity));
        }
        return lines;
    }

    /** The subjects as the public lists show them (ID numbers as the registry discloses them to the public). */
    private List<Notice> show(Procedure procedure, List<Long> ids, boolean inPublicity) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("ids", ids.toArray(Long[]::new));
        return procedure == Procedure.HOUSEHOLD
                ? households.read("a.id = any(:ids)", params, Map.of(), ids.size(), 0L, HouseholdDisclosure.PUBLIC).stream()
                        .map(a -> notice(a, inPublicity ? a.publicityStart() : null, inPublicity ? a.publicityEnd() : null)).toList()
                : villages.cases("c.id = any(:ids)", params, Map.of()).stream()
                        .map(c -> notice(c, inPublicity ? c.publicityStart() : null, inPublicity ? c.publicityEnd() : null)).toList();
    }

    @Override
    public java.util.Optional<Notice> inPublicity(Procedure procedure, long subjectId) {
        return procedures.inPublicity(procedure.name(), subjectId)
                .flatMap(c -> show(procedure, List.of(subjectId), true).stream().findFirst());
    }

    private static Notice notice(Application a, LocalDate from, LocalDate to) {
        return new Notice(Procedure.HOUSEHOLD, a.id(), a.villageCode(), a.villageName(), a.stage(), from, to, a.headName(),
                a.headIdNumber(), a.members(), a.category(), a.mainCause(), a.incomeTest(), null,
                a.stage() == Stage.ANNOUNCED ? a.stageSince() : null);
    }

    private static Notice notice(VillageCase c, LocalDate from, LocalDate to) {
        return new Notice(Procedure.VILLAGE, c.id(), c.villageCode(), c.villageName(), c.stage(), from, to, null, null, null,
                null, null, null, c.assessment(), c.stage() == Stage.ANNOUNCED ? c.stageSince() : null);
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
        return objection(procedures.object(procedure.name(), subjectId,
                new Procedures.ObjectionForm(form.text(), form.name(), form.contact(), form.filedOn()), address,
                proof == null ? null : new Procedures.Proof(proof.challenge(), proof.nonce())));
    }

    @Override
    public Objection.Challenge challenge() {
        Procedures.Challenge challenge = procedures.challenge();
        return new Objection.Challenge(challenge.challenge(), challenge.bits(), challenge.required());
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
        return objection(procedures.decide(objectionId, upheld, decision, day));
    }

    /** An objection in identification's words. */
    private static Objection objection(Procedures.Objection o) {
        return new Objection(o.id(), Procedure.valueOf(o.procedure()), o.subjectId(), o.areaCode(), Stage.valueOf(o.stage()),
                o.text(), o.name(), o.contact(), o.byPublic(), o.filedBy(), o.filedOn(), o.filedAt(),
                Objection.State.valueOf(o.state()), o.decision(), o.decidedBy(), o.decidedOn(), o.decidedAt());
    }

    @Override
    public List<Objection> objections(Procedure procedure, long subjectId) {
        return procedures.objections(procedure.name(), subjectId).stream().map(PublicLists::objection).toList();
    }

    @Override
    public List<StepRecord> steps(Procedure procedure, long subjectId) {
        return procedures.steps(procedure.name(), subjectId).stream()
                .map(s -> new StepRecord(s.id(), Step.valueOf(s.step()), s.from() == null ? null : Stage.valueOf(s.from()),
                        Stage.valueOf(s.to()), s.doneOn(), s.actorLogin(), s.recordedAt(), s.details(), s.note(),
                        s.attachmentId(), s.attachmentName()))
                .toList();
    }

    @Override
    public Attachment attachment(long id) {
        Procedures.Attachment found = procedures.attachment(id);
        return new Attachment(found.id(), found.fileName(), found.contentType(), found.content());
    }
}
