package org.jingzhun.account.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that carries {@code Authorization: Bearer <token>} for that request only (no session).
 * An unknown, revoked or disabled user's token is refused with 401 at once.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Marks a request signed in by a token: such a request may not mint further tokens. */
    static final String VIA_TOKEN = "api-token";
    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final TokenStore tokens;
    private final UserStore users;

    BearerTokenFilter(TokenStore tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * A streamed download ends with an async dispatch, and a failure with an error dispatch: neither carries a
     * session, so the token signs them in again, or they would run as nobody once the response is committed.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SecurityConfiguration.BEARER.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = request.getHeader("Authorization").substring(7).strip();
        SignedInUser user = tokens.userOf(secret).flatMap(users::byId).map(UserStore.Row::signedIn)
                .filter(SignedInUser::isEnabled).orElse(null);
        if (user == null || user.mustChangePassword()) {
            log.warn("Refused an API token from {} for {}", request.getRemoteAddr(), request.getRequestURI());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"invalid or revoked token\"}");
            return;
        }
        user.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(VIA_TOKEN);
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
