package org.jingzhun.interchange.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Data entry imports (a national administrator may follow every import); whoever reads households may export them;
 * national administrators fill a province with demonstration data.
 */
@Component
class InterchangeEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.roles(HttpMethod.GET, Set.of(Role.DATA_ENTRY, Role.ADMINISTRATOR), "/imports", "/imports/**",
                        "/api/v1/imports", "/api/v1/imports/**")
                .roles(HttpMethod.POST, Set.of(Role.DATA_ENTRY), "/imports", "/api/v1/imports")
                .roles(HttpMethod.GET, Set.of(Role.ADMINISTRATOR), "/demonstration", "/demonstration/progress")
                .roles(HttpMethod.POST, Set.of(Role.ADMINISTRATOR), "/demonstration")
                .roles(HttpMethod.GET, Set.of(Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR),
                        "/api/v1/households/export");
    }
}
