package org.jingzhun.identification.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Identification is read by those who work with households and changed by data entry and reviewers (each step
 * then checks the role and level it needs); its public lists and objection form are open to everyone.
 */
@Component
class IdentificationEndpointRules implements EndpointRules {

    private static final Set<Role> READERS = Set.of(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR);
    private static final Set<Role> ACTORS = Set.of(Role.DATA_ENTRY, Role.REVIEWER, Role.ADMINISTRATOR);

    @Override
    public void declare(Rules rules) {
        rules.open(HttpMethod.GET, "/public/identification", "/public/identification/objection", "/api/v1/public/notices",
                        "/api/v1/public/objections/challenge", "/js/objection.js")
                .open(HttpMethod.POST, "/public/identification/objection", "/api/v1/public/objections")
                .roles(HttpMethod.GET, READERS, "/identification", "/identification/**", "/api/v1/identification/**")
                .roles(HttpMethod.POST, ACTORS, "/identification", "/identification/**", "/api/v1/identification/**")
                .roles(HttpMethod.PUT, ACTORS, "/api/v1/identification/**");
    }
}
