package org.jingzhun.procedure.internal;

import org.jingzhun.platform.DomainException;
import org.jingzhun.procedure.Definition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The procedures the engine runs: every {@link Definition} bean of the application, found by name when a case
 * needs it (a handful of beans, so no map is kept; a definition registered later is found too).
 */
@Component
class Definitions {

    private final ObjectProvider<Definition> definitions;

    Definitions(ObjectProvider<Definition> definitions) {
        this.definitions = definitions;
    }

    java.util.List<Definition> all() {
        return definitions.stream().sorted(java.util.Comparator.comparing(Definition::name)).toList();
    }

    Definition get(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "procedure.unknown", String.valueOf(name)));
    }
}
