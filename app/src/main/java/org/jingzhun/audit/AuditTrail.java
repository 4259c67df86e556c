package org.jingzhun.audit;

import java.time.LocalDate;
import java.util.List;

/** Records changes and finds them again. */
public interface AuditTrail {

    /**
     * Records one change in the current transaction, by the current caller (or "system" when there is none).
     * {@code before} and {@code after} are stored as JSON; null when the entity did not or no longer exists.
     */
    void record(String entity, String entityId, String action, Object before, Object after, String reason,
                String areaCode);

    /**
     * Records one change per element, in the current transaction, by the current caller: the audit of a bulk change of
     * a list (a procedure's step for a county's households). {@code before} and {@code after} as in {@link #record}.
     */
    int recordEach(String entity, String action, String reason, List<Change> changes);

    /** A change of one entity in a bulk change: its id, its area, and what it was and became (null: did not exist). */
    record Change(String entityId, String areaCode, Object before, Object after) {
    }

    /**
     * For a bulk change too large for a list (an import of a province's households): the module fills this staging
     * table of the current transaction with its rows, one per change ({@code entity_id text, area_code text,
     * before jsonb, after jsonb}), after {@link #stage}, then hands them over with {@link #recordStaged}.
     */
    String STAGED = "pg_temp.audit_staged";

    /** Makes the staging table {@link #STAGED} empty in the current transaction (it goes at its end). */
    void stage();

    /** Records one change per row staged in {@link #STAGED}, by the current caller, and empties it; how many. */
    int recordStaged(String entity, String action, String reason);

    /**
     * The changes of one entity inside the caller's areas, newest first, for its own page: whoever may see the
     * entity may see its history, without the auditor's role.
     */
    List<AuditEvent> history(String entity, String entityId);

    /** Changes inside the caller's areas matching the query, newest first. */
    List<AuditEvent> search(AuditQuery query);

    /**
     * One page of the changes inside the caller's areas matching the query, newest first ({@code query.limit()} to a
     * page, page 0 first), with how many match in all: counted up to {@link AuditPage#COUNT_LIMIT}, past which the
     * page says "more than".
     */
    AuditPage search(AuditQuery query, int page);

    /** A page of changes and the number of all that match (at most {@link #COUNT_LIMIT}, then {@code capped}). */
    record AuditPage(List<AuditEvent> events, int page, int size, long total, boolean capped) {
        /** Counting stops here, so that a wide search of a busy trail stays quick. */
        public static final int COUNT_LIMIT = 100_000;

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public long first() {
            return events.isEmpty() ? 0 : (long) page * size + 1;
        }

        public long last() {
            return (long) page * size + events.size();
        }
    }

    /** What to look for; blank fields match everything, dates are inclusive. */
    record AuditQuery(String areaCode, String actorLogin, String entity, String entityId, LocalDate from,
                      LocalDate to, int limit) {
    }
}
