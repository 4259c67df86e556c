package org.jingzhun.registry.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.audit.AuditVocabulary;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.PovertyCause;
import org.springframework.stereotype.Component;

/** The causes of poverty by name in the audit trail, as on the household's page, rather than as codes. */
@Component
class CauseVocabulary implements AuditVocabulary {

    private static final Set<String> FIELDS = Set.of("mainCause", "otherCauses", "main_cause", "other_causes", "cause");

    /** The list is small and rarely extended: read again after a minute, not for every value of every row. */
    private static final long FRESH_NANOS = 60_000_000_000L;

    private final Households households;
    private volatile List<PovertyCause> causes = List.of();
    private volatile long readAt;

    CauseVocabulary(Households households) {
        this.households = households;
    }

    @Override
    public Optional<String> name(String field, String code, Locale locale) {
        if (!FIELDS.contains(field)) {
            return Optional.empty();
        }
        return causes().stream().filter(cause -> cause.code().equals(code)).findFirst()
                .map(cause -> cause.name(locale));
    }

    private List<PovertyCause> causes() {
        if (causes.isEmpty() || System.nanoTime() - readAt > FRESH_NANOS) {
            causes = households.causes();
            readAt = System.nanoTime();
        }
        return causes;
    }
}
