package org.jingzhun.platform.web;

import org.jingzhun.platform.EndpointRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Open to all: the start page, static files (the pages' own script among them), the error page and health; the API documentation needs a sign-in. */
@Component
class PlatformEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.open(HttpMethod.GET, "/", "/css/**", "/js/jingzhun.js", "/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**")
                .open(null, "/error")
                .signedIn(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/api-docs",
                        "/swagger-ui/**", "/swagger-ui.html")
                .signedIn(HttpMethod.GET, "/api/v1/refusals/*/problems", "/api/v1/refusals/*/problems.csv")
                .signedIn(HttpMethod.GET, "/api/v1/table-imports/*", "/api/v1/table-imports/*/refused");
    }
}
