package org.jingzhun.audit;

import org.jingzhun.platform.Caller;

import tools.jackson.databind.node.ObjectNode;

/**
 * How the before and after of a feature's entity are shown to a reader of the audit trail. A feature whose
 * recorded states carry what not every reader may see (ID numbers, bank accounts) declares one as a bean; the
 * trail applies it to every row it returns, so it needs to know nothing of the feature.
 */
public interface AuditDisclosure {

    /** Whether this policy speaks for the entity (as recorded, e.g. {@code household}). */
    boolean covers(String entity);

    /**
     * Changes a recorded state in place into what the caller may see; {@code areaCode} is the row's area.
     * The caller is one who may read the row (inside its areas).
     */
    void disclose(ObjectNode state, String areaCode, Caller caller);
}
