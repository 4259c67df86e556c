package org.jingzhun.audit;

import java.time.OffsetDateTime;

/** One recorded change; {@code before} and {@code after} are JSON text. */
public record AuditEvent(long id, OffsetDateTime at, String actorLogin, String entity, String entityId,
                         String action, String before, String after, String reason, String areaCode) {
}
