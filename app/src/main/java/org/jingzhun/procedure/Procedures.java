package org.jingzhun.procedure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jingzhun.area.AreaLevel;

/**
 * The engine that runs every procedure a {@link Definition} declares, within the caller's areas: cases start,
 * steps move a whole list at once or none of it, objections hold the next step while open, and every step is
 * logged with the day it happened apart from who entered it and when.
 */
public interface Procedures {

    /** The definition of a procedure by its name. */
    Definition definition(String procedure);

    /** Every procedure the engine runs, by name. */
    List<Definition> definitions();

    /** The day a case starts: the one given, else today; never in the future (a problem naming {@code field}). */
    LocalDate startDay(LocalDate given, String field);

    /** Starts cases on {@code day} in the definition's first stage and logs their first step, in the caller's transaction. */
    void start(String procedure, List<Subject> subjects, LocalDate day, Map<String, Object> details, String note);

    /** Makes a step for every case the move names, or refuses it whole with a problem per case. */
    Result step(String procedure, Move move);

    /** A case inside the caller's areas, if any. */
    Optional<Case> find(String procedure, long subjectId);

    /**
     * The procedures in which {@code holder} (a household) is in a case that has not ended, whatever the caller's areas:
     * the registry refuses to move a household to another county meanwhile.
     */
    List<String> openHolding(long holder);

    /**
     * Takes up to {@code limit} areas of cases of {@code procedure} (one whose subjects are villages) that changed since
     * they were last taken, in the caller's transaction: the engine logs them with every step (no triggers).
     */
    List<String> takeChangedAreas(String procedure, int limit);

    /** The case of a subject in publicity today, for the public (no caller needed), if it is. */
    Optional<Case> inPublicity(String procedure, long subjectId);

    /**
     * The cases of a procedure on the public lists of an area, in area and id order, one page: those in publicity
     * today, or those announced (the definition's announced stage) in the last {@code 365} days. The owner of the
     * procedure shows them, as the registry discloses its subjects to the public.
     */
    List<Case> published(String procedure, String areaCode, boolean inPublicity, int limit, long offset);

    /**
     * The cases of a procedure inside the caller's areas and the area asked, in area and id order, one page (one
     * more than its size, to tell there are more): the list where a step is made, or a list the inbox counts.
     */
    List<Case> cases(String procedure, CaseQuery query);

    /** Which cases a list holds: inside an area (empty: all the caller's), at a stage (null: any), of a kind, a page. */
    record CaseQuery(String areaCode, String stage, Filter filter, int page, int size) {

        public CaseQuery {
            areaCode = areaCode == null ? "" : areaCode.strip();
            filter = filter == null ? Filter.ALL : filter;
            page = Math.max(page, 0);
            size = Math.clamp(size, 1, 500);
        }
    }

    /**
     * The lists the inbox counts: every case; those whose next step can be made now (their publicity over, no open
     * objection); those whose publicity ends within three days; those with an open objection.
     */
    enum Filter { ALL, READY, ENDING, OBJECTED }

    /** Where a case stands at each level that makes one of its steps, as DHIS2's data approval says it. */
    Map<AreaLevel, Approval> approval(String procedure, long subjectId);

    /** Files an objection to a case in publicity; with an address, from the public (limited, maybe a proof asked). */
    Objection object(String procedure, long subjectId, ObjectionForm form, String address, Proof proof);

    /** A new challenge for the public's next objection, and whether filings need its answer now. */
    Challenge challenge();

    /** Decides an open objection on {@code day} (today when null): upheld rejects the case, dismissed lets it go on. */
    Objection decide(long objectionId, boolean upheld, String decision, LocalDate day);

    /** The objections to a case inside the caller's areas. */
    List<Objection> objections(String procedure, long subjectId);

    /** The steps logged for a case inside the caller's areas, in order. */
    List<LoggedStep> steps(String procedure, long subjectId);

    /** An attachment of a step inside the caller's areas. */
    Attachment attachment(long id);

    /** A subject a case starts for: its id (the owner's), its area, and what may be in one open case at a time (or null). */
    record Subject(long id, String areaCode, Long holder) {
    }

    /** One step for the subjects named (all or none); the day it happened is given in the field {@code dateField}. */
    record Move(String step, List<Long> ids, Boolean approved, LocalDate date, String dateField, String note,
                Map<String, Object> details, Upload attachment) {

        public Move {
            ids = ids == null ? List.of() : List.copyOf(ids);
            details = details == null ? Map.of() : details;
            dateField = dateField == null ? "date" : dateField;
        }

        /** Whether a deciding step decided against. */
        public boolean rejects() {
            return Boolean.FALSE.equals(approved);
        }
    }

    /** A file as uploaded; its type is told from its content, not from its name. */
    record Upload(String fileName, byte[] content) {
    }

    /** What a step did: how many cases moved on and how many were rejected. */
    record Result(String step, int moved, int rejected) {
    }

    /** Where a case stands: its stage since a day, its publicity, and a version that changes with every step. */
    record Case(String procedure, long subjectId, String countyCode, String areaCode, String stage, LocalDate stageSince,
                LocalDate publicityStart, LocalDate publicityEnd, int version) {
    }

    /** A step as logged: the day it happened, who entered it and when, the decision, its details and attachment. */
    record LoggedStep(long id, String step, String from, String to, LocalDate doneOn, String actorLogin,
                      OffsetDateTime recordedAt, Map<String, Object> details, String note, Long attachmentId,
                      String attachmentName) {
    }

    /** An objection during a publicity, with the days it was filed and decided apart from when each was entered. */
    record Objection(long id, String procedure, long subjectId, String areaCode, String stage, String text, String name,
                     String contact, boolean byPublic, String filedBy, LocalDate filedOn, OffsetDateTime filedAt,
                     String state, String decision, String decidedBy, LocalDate decidedOn, OffsetDateTime decidedAt) {
    }

    /** What is filed: the grounds, who files and how to reach them (optional), the day filed (staff, on paper). */
    record ObjectionForm(String text, String name, String contact, LocalDate filedOn) {
    }

    /** The public's proof of work (see {@code ObjectionChallenges}): the challenge as given and the nonce found. */
    record Challenge(String challenge, int bits, boolean required) {
    }

    record Proof(String challenge, String nonce) {
    }

    /** A stored attachment. */
    record Attachment(long id, String fileName, String contentType, byte[] content) {
    }

    /**
     * Where a case stands at a level, after DHIS2's data approval: waiting for a step below, ready for this
     * level's step, approved at this level (waiting above), accepted above, or rejected.
     */
    enum Approval { WAITING, READY, APPROVED, ACCEPTED, REJECTED }
}
