package org.jingzhun.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * The names a feature gives to codes it writes into the audit trail that no message key covers (codes kept in its
 * own tables, such as the causes of poverty): the audit pages ask every such bean before showing a code as stored.
 */
public interface AuditVocabulary {

    /** The name of the code in a field of the feature's records, in the language; empty when not the feature's. */
    Optional<String> name(String field, String code, Locale locale);
}
