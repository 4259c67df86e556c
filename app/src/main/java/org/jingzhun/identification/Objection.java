package org.jingzhun.identification;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An objection to a household or village during its publicity, from staff or the public (name and contact
 * optional). While open it holds the procedure; upheld, it rejects the subject; dismissed, the procedure goes on.
 * It keeps the days it was filed and decided (on paper, perhaps long before) and when each was entered.
 */
public record Objection(long id, Procedure procedure, long subjectId, String areaCode, Stage stage, String text,
                        String name, String contact, boolean byPublic, String filedBy, LocalDate filedOn,
                        OffsetDateTime filedAt, State state, String decision, String decidedBy, LocalDate decidedOn,
                        OffsetDateTime decidedAt) {

    public enum State { OPEN, UPHELD, DISMISSED }

    /**
     * What is filed: the grounds, and optionally who files and how to reach them; staff entering an objection
     * filed on paper give the day it was filed (today when null; the public files today).
     */
    public record Form(String text, String name, String contact, LocalDate filedOn) {

        public Form(String text, String name, String contact) {
            this(text, name, contact, null);
        }
    }

    /**
     * A small proof of work the public's form asks for while objections flood in: find a {@code nonce} (decimal
     * digits) such that SHA-256 of {@code challenge + ":" + nonce} (UTF-8) begins with {@code bits} zero bits.
     * {@code required} tells whether a filing needs it now; solving it anyway costs a phone a moment.
     */
    public record Challenge(String challenge, int bits, boolean required) {
    }

    /** The answer to a {@link Challenge}: the challenge as given and the nonce found. Each answers one filing. */
    public record Proof(String challenge, String nonce) {
    }
}
