package org.jingzhun.account.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** A user whose password was given to them (a one-time password) must choose their own before anything else. */
class PasswordChangeRequired extends OncePerRequestFilter {

    static final String PAGE = "/account/password";
    private static final Set<String> ALLOWED_PREFIXES = Set.of(PAGE, "/logout", "/login", "/css/", "/webjars/", "/error");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean mustChange = authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                && user.mustChangePassword();
        if (mustChange && ALLOWED_PREFIXES.stream().noneMatch(path::startsWith)) {
            if (SecurityConfiguration.API.matches(request)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "The password must be changed first");
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
