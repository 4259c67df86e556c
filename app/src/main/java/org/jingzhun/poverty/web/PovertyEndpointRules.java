package org.jingzhun.poverty.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Poverty lines are read by every signed-in user and added by administrators. */
@Component
class PovertyEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.signedIn(HttpMethod.GET, "/poverty-lines", "/api/v1/poverty-lines", "/api/v1/poverty-lines/in-force")
                .roles(HttpMethod.POST, Set.of(Role.ADMINISTRATOR), "/poverty-lines", "/api/v1/poverty-lines");
    }
}
