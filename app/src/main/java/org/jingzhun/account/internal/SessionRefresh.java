package org.jingzhun.account.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session does not outlive what changes its user: a user disabled (or removed) or whose password changed
 * elsewhere is signed out at the next request, and new roles, areas or a password reset apply at once.
 */
class SessionRefresh extends OncePerRequestFilter {

    private final UserStore users;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionRefresh(UserStore users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof SignedInUser signedIn) {
            Optional<SignedInUser> now = users.byId(signedIn.caller().userId()).map(UserStore.Row::signedIn)
                    .filter(SignedInUser::isEnabled);
            if (now.isEmpty() || !now.get().passwordStamp().equals(signedIn.passwordStamp())) {
                session.invalidate();
                SecurityContextHolder.clearContext();
            } else if (!now.get().caller().equals(signedIn.caller()) || now.get().mustChangePassword() != signedIn.mustChangePassword()) {
                SignedInUser fresh = now.get();
                fresh.eraseCredentials();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
                SecurityContextHolder.setContext(context);
                sessions.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
