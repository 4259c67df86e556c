package org.jingzhun.identification;

import java.time.OffsetDateTime;

/**
 * An objection to a household or village during its publicity, from staff or the public (name and contact
 * optional). While open it holds the procedure; upheld, it rejects the subject; dismissed, the procedure goes on.
 */
public record Objection(long id, Procedure procedure, long subjectId, String areaCode, Stage stage, String text,
                        String name, String contact, boolean byPublic, String filedBy, OffsetDateTime filedAt,
                        State state, String decision, String decidedBy, OffsetDateTime decidedAt) {

    public enum State { OPEN, UPHELD, DISMISSED }

    /** What is filed: the grounds, and optionally who files and how to reach them. */
    public record Form(String text, String name, String contact) {
    }
}
