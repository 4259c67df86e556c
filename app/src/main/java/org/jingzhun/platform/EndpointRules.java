package org.jingzhun.platform;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Each feature declares who may call its endpoints; a request that no declared rule matches is denied.
 * The rules decide whether a sign-in and which roles are needed; which areas a caller reaches is decided by
 * the features themselves, below their controllers, with {@link Caller}.
 */
public interface EndpointRules {

    void declare(Rules rules);

    /** The rules of one feature: path patterns as in Spring MVC ({@code /api/v1/areas/**}). */
    interface Rules {

        /** Open to everyone, signed in or not. */
        Rules open(HttpMethod method, String... patterns);

        /** For any signed-in user. */
        Rules signedIn(HttpMethod method, String... patterns);

        /** For signed-in users holding at least one of the roles. */
        Rules roles(HttpMethod method, Set<Role> roles, String... patterns);
    }
}
