package org.jingzhun.area.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Division reference data is open for reading; county attributes need a sign-in, and changing them an administrator. */
@Component
class AreaEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.open(HttpMethod.GET, "/areas", "/areas/**", "/api/v1/areas", "/api/v1/areas/**")
                .signedIn(HttpMethod.GET, "/counties", "/counties/*", "/api/v1/counties", "/api/v1/counties/*")
                .roles(HttpMethod.POST, Set.of(Role.ADMINISTRATOR), "/counties/*", "/api/v1/counties/import")
                .roles(HttpMethod.PUT, Set.of(Role.ADMINISTRATOR), "/api/v1/counties/*");
    }
}
