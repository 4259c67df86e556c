package org.jingzhun.registry;

import java.math.BigDecimal;
import java.util.List;

/**
 * The registry of households within the caller's areas. Every change is audited with its reason; a person
 * already registered anywhere in the country is refused, naming the household only when the caller may see it.
 */
public interface Households {

    /**
     * A household inside the caller's areas, as the caller may see it ({@link HouseholdDisclosure}); any other is not
     * found. What this face returns (households, list lines, changed households) is always so disclosed.
     */
    Household get(long id);

    /** Records a new household (status candidate). */
    Household create(HouseholdForm form, String reason);

    /** Changes a household read at {@code version}; refused as a conflict when someone changed it since. */
    Household update(long id, int version, HouseholdForm form, String reason);

    /**
     * Moves a household read at {@code version} to another status along the allowed transitions, with the
     * reason (reviewers); an illegal transition is refused, naming both. A household becomes registered only
     * through the identification procedure ({@link #changeStatuses}).
     */
    Household changeStatus(long id, int version, Household.Status to, String reason);

    /**
     * As above, the change having happened on {@code day} (today when null): it counts in that day's year. The day
     * may not be in the future nor before the household's previous status change.
     */
    Household changeStatus(long id, int version, Household.Status to, java.time.LocalDate day, String reason);

    /**
     * Moves households, all or none, from one status to another along the allowed transitions, for the
     * procedures (identification, exit) that decide who may make their steps: each household must be inside
     * the caller's areas and at {@code from}, else the refusal names it. A household that becomes registered is
     * registered in {@code year}. One audit entry each, with the reason.
     */
    int changeStatuses(java.util.Collection<Long> ids, Household.Status from, Household.Status to, int year, String reason);

    /**
     * As above, the change having happened on {@code day} (today when null) and counting in the procedure's
     * {@code year} (identification: its round's year), whatever the day. The day may not be in the future nor
     * before any of the households' previous status change.
     */
    int changeStatuses(java.util.Collection<Long> ids, Household.Status from, Household.Status to, int year,
                       java.time.LocalDate day, String reason);

    /** The status history of a household inside the caller's areas, oldest first: its recording, then each change. */
    List<StatusChange> statusHistory(long id);

    /**
     * One member of a household read at {@code version} leaves it on the departure's day for its reason (DEATH,
     * MARRIAGE_OUT, MOVED_AWAY); a head who leaves others behind names the new head ({@code newHead}, an ID number).
     * The member's stay is kept in the household's member history; the person may be registered elsewhere after.
     */
    Household leave(long id, int version, HouseholdForm.Departure departure, String newHead, String note);

    /** A person joins a household read at {@code version}, on the member's {@code joinedOn} for its {@code joinReason}. */
    Household join(long id, int version, HouseholdForm.MemberForm member, String note);

    /**
     * Some members of a household read at {@code version} leave it on the split's day and form a new household of the
     * same village, headed by one of them; the two are linked. The new household, as the caller may see it.
     */
    Household split(long id, int version, Split split, String note);

    /**
     * Every member of a household read at {@code version} joins household {@code into} on {@code day} (ISO); the household
     * ends there, keeping its record and history, linked to the other.
     */
    Household merge(long id, int version, long into, String day, String note);

    /**
     * Moves a household read at {@code version} to a village of another county (or of its own), keeping its id, members
     * and history. Refused while the household is in a procedure that has not ended; the procedures it ended stay in the
     * county that held them.
     */
    Household move(long id, int version, String villageCode, String reason);

    /** Who joined and left a household inside the caller's areas, when, why and who entered it, in the order they happened. */
    List<MemberChange> memberHistory(long id);

    /**
     * A split: the ID numbers of the members who leave, the one of them who heads the new household, the day (ISO), and
     * when the household's own head leaves, the member who heads it after.
     */
    record Split(List<String> idNumbers, String head, String day, String remainingHead) {
    }

    /** The causes of poverty on the code list. */
    List<PovertyCause> causes();

    /** Extends the code list of causes (a national administrator); refused when the code exists. */
    PovertyCause addCause(String code, String nameZh, String nameEn);

    /** Households inside the caller's areas matching the query, by id, one page. */
    Page search(Query query);

    /** Every household inside the caller's areas matching the query (its page aside), with members, in id order, one at a time. */
    void forEach(Query query, java.util.function.Consumer<Household> each);

    /**
     * What to look for; null or blank matches everything. The external reference matches exactly. {@code sort} is one of
     * {@link #SORTS} (an indexed order; anything else is the first, by village).
     */
    record Query(String areaCode, String name, String idNumber, Household.Status status, String cause,
                 Integer incomeYear, BigDecimal incomeMin, BigDecimal incomeMax, int page, int size, String externalRef,
                 String sort) {

        /** A query in the default order. */
        public Query(String areaCode, String name, String idNumber, Household.Status status, String cause,
                     Integer incomeYear, BigDecimal incomeMin, BigDecimal incomeMax, int page, int size, String externalRef) {
            this(areaCode, name, idNumber, status, cause, incomeYear, incomeMin, incomeMax, page, size, externalRef, null);
        }

        /** A query that does not look for an external reference. */
        public Query(String areaCode, String name, String idNumber, Household.Status status, String cause,
                     Integer incomeYear, BigDecimal incomeMin, BigDecimal incomeMax, int page, int size) {
            this(areaCode, name, idNumber, status, cause, incomeYear, incomeMin, incomeMax, page, size, null);
        }
    }

    /** The orders a search may ask for, each served by an index: by village, newest recorded first, oldest first. */
    List<String> SORTS = List.of("village", "newest", "oldest");

    /** Beyond this many matches a search says "more than" rather than counting them all. */
    int COUNTED = 10_000;

    /**
     * One page of households, and whether more follow; {@code total} the households matching, counted up to
     * {@link #COUNTED} + 1 (more than {@link #COUNTED}: "10,000+"), or -1 where not counted.
     */
    record Page(List<HouseholdSummary> households, int page, int size, boolean more, long total) {

        /** A page whose matches were not counted. */
        public Page(List<HouseholdSummary> households, int page, int size, boolean more) {
            this(households, page, size, more, -1);
        }

        /** Whether there are more matches than were counted. */
        public boolean beyondCount() {
            return total > COUNTED;
        }
    }
}
