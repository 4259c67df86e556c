package org.jingzhun.account.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/** The endpoint rules every feature declared, in one list: what a request needs, or nothing (then it is denied). */
@Component
public class EndpointAccess {

    /** What a rule asks of the caller: nothing, a sign-in, or a sign-in with one of the roles. */
    public record Rule(HttpMethod method, String pattern, boolean open, Set<Role> roles, RequestMatcher matcher) {
    }

    private final List<Rule> rules = new ArrayList<>();

    EndpointAccess(List<EndpointRules> declarations) {
        EndpointRules.Rules collector = new EndpointRules.Rules() {
            @Override
            public EndpointRules.Rules open(HttpMethod method, String... patterns) {
                return add(method, true, Set.of(), patterns);
            }

            @Override
            public EndpointRules.Rules signedIn(HttpMethod method, String... patterns) {
                return add(method, false, Set.of(), patterns);
            }

            @Override
            public EndpointRules.Rules roles(HttpMethod method, Set<Role> roles, String... patterns) {
                if (roles.isEmpty()) {
                    throw new IllegalArgumentException("A role rule needs at least one role: " + List.of(patterns));
                }
                return add(method, false, roles, patterns);
            }

            private EndpointRules.Rules add(HttpMethod method, boolean open, Set<Role> roles, String... patterns) {
                for (String pattern : patterns) {
                    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
                    rules.add(new Rule(method, pattern, open, Set.copyOf(roles),
                            method == null ? builder.matcher(pattern) : builder.matcher(method, pattern)));
                }
                return this;
            }
        };
        declarations.forEach(declaration -> declaration.declare(collector));
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The first rule matching the request, as Spring Security applies them. */
    public java.util.Optional<Rule> ruleFor(HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
