package org.jingzhun.account.internal;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Form sign-in for people (CSRF-protected, new session id at sign-in), bearer tokens for programs, and the
 * declared endpoint rules; anything no rule allows is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** API requests get status codes, pages get the sign-in page. */
    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    static final RequestMatcher BEARER = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    /**
     * Scripts only from Jingzhun itself (no inline scripts or handlers: pages ask for behaviour with data attributes
     * that {@code /js/jingzhun.js} reads), so that text a user entered can never run. Styles may be inline: progress
     * bars set their width in a style attribute and htmx adds its own style element, and a style cannot run code.
     * Images may be data: URIs (Bootstrap's icons, ECharts' saved charts).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** No page needs the camera, the microphone, the position or payments: none may ask for them. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EndpointAccess access, TokenStore tokens,
                                            UserStore users, AuthenticationManager passwords,
                                            LocaleResolver localeResolver, FirstLanguage firstLanguage) throws Exception {
        http.authenticationManager(passwords)
                .authorizeHttpRequests(authorize -> {
                    // The request dispatch was authorized already; the async dispatch that ends a streamed download
                    // only completes it, and refusing it then can only break a response already under way.
                    authorize.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    for (EndpointAccess.Rule rule : access.rules()) {
                        AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = authorize.requestMatchers(rule.matcher());
                        if (rule.open()) {
                            url.permitAll();
                        } else if (rule.roles().isEmpty()) {
                            url.authenticated();
                        } else {
                            url.hasAnyRole(rule.roles().stream().map(Enum::name).toArray(String[]::new));
                        }
                    }
                    authorize.anyRequest().denyAll();
                })
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .successHandler((request, response, authentication) -> signedIn(request, response, authentication, localeResolver, firstLanguage)))
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out").permitAll())
                // Requests that no session acts in: bearer tokens, token issuing, the API's password change, and the
                // public's API (which files as the public whoever is signed in).
                .csrf(csrf -> csrf.ignoringRequestMatchers(BEARER,
                        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/api/v1/auth/tokens"),
                        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/api/v1/auth/password"),
                        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/api/v1/public/**")))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // Page addresses hold searched names and ID numbers: never sent to another site.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY)))
                .addFilterBefore(new BearerTokenFilter(tokens, users), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new NoCsrfTokenForBearers(), CsrfFilter.class)
                .addFilterAfter(new SessionRefresh(users), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequired(), SessionRefresh.class);
        return http.build();
    }

    /**
     * A request signed by a bearer token carries no CSRF token, so that a page it reads opens no session: the token of
     * the page's forms would be kept in a new session per request, and a program reading pages would leave one behind
     * each time, held for the session timeout (at 200 pages a second, hundreds of megabytes of heap). The bearer token,
     * which a browser never sends by itself, is the proof a CSRF token would be; its pages' forms go without one.
     */
    static final class NoCsrfTokenForBearers extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws jakarta.servlet.ServletException, IOException {
            if (BEARER.matches(request)) {
                request.removeAttribute(CsrfToken.class.getName());
                request.removeAttribute(DeferredCsrfToken.class.getName());
                request.removeAttribute("_csrf");
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Checks a login and password, for the sign-in form and for token issuing alike, so that both count
     * failures toward the lockout, log them, and take as long for an unknown login as for a known one.
     */
    @Bean
    AuthenticationManager authenticationManager(UserStore users, PasswordEncoder passwordEncoder,
                                                AuthenticationEventPublisher events, SignInAttempts attempts) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetailsService(users));
        provider.setPasswordEncoder(passwordEncoder);
        ProviderManager manager = new ProviderManager(new ThrottledSignIn(provider, attempts));
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /** The users of Jingzhun, by login (a bean, so that no default user is made up). */
    @Bean
    UserDetailsService userDetailsService(UserStore users) {
        return login -> users.byLogin(login.strip().toLowerCase(Locale.ROOT)).map(UserStore.Row::signedIn)
                .orElseThrow(() -> new UsernameNotFoundException(login));
    }

    /** After sign-in the pages speak the user's language; then on to where the user was going. */
    private static void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
                                 LocaleResolver localeResolver, FirstLanguage firstLanguage)
            throws IOException, jakarta.servlet.ServletException {
        if (authentication.getPrincipal() instanceof SignedInUser user) {
            String language = firstLanguage.atSignIn(user.caller().userId(), user.language(), localeResolver.resolveLocale(request));
            localeResolver.setLocale(request, response, Locale.forLanguageTag(language.replace('_', '-')));
        }
        new SavedRequestAwareAuthenticationSuccessHandler().onAuthenticationSuccess(request, response, authentication);
    }
}
