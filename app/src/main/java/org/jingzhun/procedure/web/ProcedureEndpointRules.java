package org.jingzhun.procedure.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The procedures' pages are read by those who work with cases and acted on by data entry and reviewers; each step
 * and decision then checks the role and level its definition asks, and the areas, below.
 */
@Component
class ProcedureEndpointRules implements EndpointRules {

    private static final Set<Role> READERS = Set.of(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR);
    private static final Set<Role> ACTORS = Set.of(Role.DATA_ENTRY, Role.REVIEWER);

    @Override
    public void declare(Rules rules) {
        rules.roles(HttpMethod.GET, READERS, "/procedures", "/procedures/cases", "/procedures/cases/*",
                        "/procedures/attachments/*")
                .roles(HttpMethod.POST, ACTORS, "/procedures/steps", "/procedures/objections",
                        "/procedures/objections/*/decision");
    }
}
