package org.jingzhun.procedure.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jingzhun.platform.DomainException;
import org.jingzhun.procedure.Definition;
import org.springframework.stereotype.Component;

/** The procedures the engine runs: every {@link Definition} bean of the application, by name. */
@Component
class Definitions {

    private final Map<String, Definition> byName;

    Definitions(List<Definition> definitions) {
        this.byName = definitions.stream().collect(Collectors.toUnmodifiableMap(Definition::name, d -> d));
    }

    Definition get(String name) {
        Definition definition = name == null ? null : byName.get(name);
        if (definition == null) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "procedure.unknown", String.valueOf(name));
        }
        return definition;
    }
}
