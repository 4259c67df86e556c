package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.internal.EndpointAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint of the application has a declared access rule, and the rule holds: an endpoint that is
 * not open answers an anonymous request with 401 (API) or the sign-in page, never with its content.
 */
@JingzhunTest
class EndpointAccessTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    EndpointAccess access;
    @Autowired
    MockMvcTester mvc;

    @Test
    void everyEndpointHasAnAccessRuleAndAnonymousCallersGetOnlyTheOpenOnes() {
        List<String> withoutRule = new ArrayList<>();
        List<String> leaking = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : endpoints()) {
            MockHttpServletRequest request = new MockHttpServletRequest(endpoint.method().name(), endpoint.path());
            var rule = access.ruleFor(request);
            if (rule.isEmpty()) {
                withoutRule.add(endpoint.toString());
                continue;
            }
            checked++;
            // With a valid CSRF token, so that a refusal comes from the access rule, not from the CSRF filter.
            MvcTestResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .request(endpoint.method(), endpoint.path())
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
            int status = result.getResponse().getStatus();
            String location = String.valueOf(result.getResponse().getRedirectedUrl());
            boolean refused = status == 401 || status == 403 || (status == 302 && location.endsWith("/login"));
            if (!rule.get().open() && !refused) {
                leaking.add(endpoint + " answered " + status + " " + location);
            }
        }
        assertThat(withoutRule).as("endpoints without an access rule (declare one in the feature's EndpointRules)").isEmpty();
        assertThat(leaking).as("endpoints that answer anonymous callers although their rule needs a sign-in").isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void onlyWhatTheIssueAllowsIsOpenWithoutSignIn() {
        assertThat(access.rules().stream().filter(EndpointAccess.Rule::open).map(EndpointAccess.Rule::pattern).distinct())
                .containsExactlyInAnyOrder("/", "/css/**", "/js/jingzhun.js", "/webjars/**", "/favicon.ico", "/actuator/health",
                        "/actuator/health/**", "/error", "/areas", "/areas/**", "/api/v1/areas", "/api/v1/areas/**",
                        "/login", "/api/v1/auth/tokens",
                        // Issue 12, item 6: users created through the API set their password.
                        "/api/v1/auth/password",
                        // Issue 6: the public reads the lists in publicity and files objections.
                        "/public/identification", "/public/identification/objection", "/api/v1/public/notices",
                        "/api/v1/public/objections",
                        // Issue 11: the challenge the public answers during a flood, and the form's script that answers it.
                        "/api/v1/public/objections/challenge", "/js/objection.js");
    }

    @Test
    void roleRulesHold() {
        var analyst = TestCallers.as(TestCallers.of("analyst", java.util.EnumSet.of(org.jingzhun.platform.Role.ANALYST), ""));
        var auditor = TestCallers.as(TestCallers.of("auditor", java.util.EnumSet.of(org.jingzhun.platform.Role.AUDITOR), ""));
        assertThat(mvc.get().uri("/users").with(analyst)).hasStatus(403);
        assertThat(mvc.get().uri("/users").with(auditor)).hasStatusOk();
        assertThat(mvc.get().uri("/users/new").with(auditor)).hasStatus(403);
        assertThat(mvc.get().uri("/audit").with(analyst)).hasStatus(403);
        assertThat(mvc.put().uri("/api/v1/counties/530102").with(auditor)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .contentType("application/json").content("{}")).hasStatus(403);
    }

    @Test
    void aRequestNoRuleCoversIsDeniedEvenToTheNationalAdministrator() {
        assertThat(access.ruleFor(new MockHttpServletRequest("GET", "/api/v1/undeclared"))).isEmpty();
        assertThat(mvc.get().uri("/api/v1/undeclared")).hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/undeclared").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR))).hasStatus(403);
        assertThat(mvc.delete().uri("/api/v1/areas/53").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .hasStatus(403);
    }

    /** One endpoint with sample values for its path variables. */
    record Endpoint(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Endpoint> endpoints() {
        Map<String, String> samples = Map.of("{code}", "530102", "{id}", "1");
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String path = pattern;
                    for (Map.Entry<String, String> sample : samples.entrySet()) {
                        path = path.replace(sample.getKey(), sample.getValue());
                    }
                    path = path.replaceAll("\\{[^}]+}", "x");
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path));
                    }
                }
            }
        }
        assertThat(endpoints).isNotEmpty();
        return endpoints;
    }
}
