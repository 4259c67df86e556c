package org.jingzhun.account.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The sign-in page, token issuing and the API's password change are open; one's own account needs a sign-in; users need an administrator or auditor. */
@Component
class AccountEndpointRules implements EndpointRules {

    private static final Set<Role> READERS = Set.of(Role.ADMINISTRATOR, Role.AUDITOR);
    private static final Set<Role> ADMINISTRATORS = Set.of(Role.ADMINISTRATOR);

    @Override
    public void declare(Rules rules) {
        rules.open(HttpMethod.GET, "/login")
                .open(HttpMethod.POST, "/api/v1/auth/tokens", "/api/v1/auth/password")
                .signedIn(HttpMethod.GET, "/account", "/account/password", "/api/v1/account", "/api/v1/account/tokens")
                .signedIn(HttpMethod.POST, "/account/password", "/account/language", "/account/tokens",
                        "/account/tokens/*/revoke", "/api/v1/account/tokens")
                .signedIn(HttpMethod.DELETE, "/api/v1/account/tokens/*")
                .roles(HttpMethod.GET, ADMINISTRATORS, "/users/new") // before "/users/*", which would match it first
                .roles(HttpMethod.GET, READERS, "/users", "/users/*", "/api/v1/users", "/api/v1/users/*")
                .roles(HttpMethod.POST, ADMINISTRATORS, "/users", "/users/*", "/users/*/password",
                        "/api/v1/users", "/api/v1/users/*/password")
                .roles(HttpMethod.PUT, ADMINISTRATORS, "/api/v1/users/*");
    }
}
