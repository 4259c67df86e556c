package org.jingzhun;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.EnumSet;
import java.util.Set;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Callers for tests that are about something else than signing in. */
public final class TestCallers {

    /** The national administrator holding every role. */
    public static final Caller NATIONAL_ADMINISTRATOR = new Caller(0, "test-admin", EnumSet.allOf(Role.class), Set.of(""));

    private TestCallers() {
    }

    public static Caller of(String login, Set<Role> roles, String... areas) {
        return new Caller(0, login, roles, Set.of(areas));
    }

    /** A MockMvc request made by the caller. */
    public static RequestPostProcessor as(Caller caller) {
        return authentication(authenticationOf(caller));
    }

    /** Makes the caller the current one of this thread, for calling services directly; undo with {@link #signOut()}. */
    public static void signIn(Caller caller) {
        SecurityContextHolder.getContext().setAuthentication(authenticationOf(caller));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static Authentication authenticationOf(Caller caller) {
        Caller.Principal principal = () -> caller;
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    }
}
