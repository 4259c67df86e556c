package org.jingzhun.registry.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Households are read by those who work with them and recorded by data entry; the more specific rules come first. */
@Component
class RegistryEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.roles(HttpMethod.GET, Set.of(Role.DATA_ENTRY), "/households/new", "/households/*/edit", "/households/*/members")
                .roles(HttpMethod.POST, Set.of(Role.DATA_ENTRY), "/households", "/households/*", "/households/*/split",
                        "/households/*/merge")
                .roles(HttpMethod.POST, Set.of(Role.DATA_ENTRY), "/api/v1/households/*/departures", "/api/v1/households/*/members",
                        "/api/v1/households/*/split", "/api/v1/households/*/merge", "/api/v1/households/*/move")
                .roles(HttpMethod.GET, Set.of(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR),
                        "/households", "/households/*", "/households/*/handbook",
                        "/api/v1/households", "/api/v1/households/*", "/api/v1/households/*/status-history",
                        "/api/v1/households/*/member-history")
                .roles(HttpMethod.POST, Set.of(Role.DATA_ENTRY), "/api/v1/households")
                .roles(HttpMethod.PUT, Set.of(Role.DATA_ENTRY), "/api/v1/households/*")
                .roles(HttpMethod.POST, Set.of(Role.REVIEWER), "/api/v1/households/*/status")
                .signedIn(HttpMethod.GET, "/api/v1/poverty-causes")
                .roles(HttpMethod.POST, Set.of(Role.ADMINISTRATOR), "/api/v1/poverty-causes");
    }
}
