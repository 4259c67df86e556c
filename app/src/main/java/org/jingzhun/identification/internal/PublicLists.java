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
import org.jingzhun.platform.DomainException;
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

    private final Areas areas;
    private final Procedures procedures;
    private final ApplicationRows households;
    private final VillageCaseRows villages;

    PublicLists(Areas areas, Procedures procedures, ApplicationRows households, VillageCaseRows villages) {
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
                announced.subList(0, Math.min(PAGE_SIZE, announced.size())), more);
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
