package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;
import java.util.Set;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingzhun.JingzhunTest;
import org.jingzhun.ScopeSamples;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A user of one county (Panlong, 530103) holding every role tries each area-bound endpoint on another county
 * (Wuhua, 530102, and the things of {@link ScopeSamples}) by guessing its codes and ids, and gets nothing back:
 * absent, as if it did not exist. The endpoints are enumerated from the handler mappings, so that a new one that
 * takes an id or an area is tried as soon as it exists.
 */
@JingzhunTest
class AreaScopeTest {

    private static final String OTHER_COUNTY = "530102";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mockMvc;
    @Autowired
    org.jingzhun.account.internal.EndpointAccess access;

    /**
     * Every endpoint whose path or parameters take an id or an area, given those of another county or province:
     * one with such a path variable answers 404 (or 403); one with only such parameters may also answer a list or
     * a form's refusal, as long as nothing of the other county shows. None changes anything there (no audit entry
     * is written in the other county or province). A path variable or parameter of a kind {@link ScopeSamples} does
     * not know fails the test: register the kind, with a sample, so that the new endpoint is tried.
     */
    @Test
    void everyEndpointTakingAnIdOrAnAreaAnswersAnotherCountysUserWithNothing() throws Exception {
        ScopeSamples samples = ScopeSamples.of(context);
        long auditBefore = lastAuditEntry();
        List<String> unknown = new ArrayList<>();
        List<String> leaking = new ArrayList<>();
        int tried = 0;
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods().isEmpty() ? Set.of(RequestMethod.GET)
                            : info.getMethodsCondition().getMethods()) {
                        String endpoint = method + " " + pattern;
                        Try attempt = attempt(samples, pattern, entry.getValue(), unknown, endpoint);
                        if (attempt == null || !attempt.scoped()) {
                            continue;
                        }
                        var rule = access.ruleFor(new MockHttpServletRequest(method.name(), attempt.uri()));
                        if (rule.isPresent() && rule.get().open()) {
                            continue; // the public's lists and forms serve every area to everyone by design
                        }
                        tried++;
                        MediaType consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                                .orElse(MediaType.APPLICATION_JSON);
                        AbstractMockHttpServletRequestBuilder<?> request = attempt.multipart()
                                || consumes.includes(MediaType.MULTIPART_FORM_DATA)
                                ? MockMvcRequestBuilders.multipart(HttpMethod.valueOf(method.name()), attempt.uri())
                                : MockMvcRequestBuilders.request(HttpMethod.valueOf(method.name()), attempt.uri());
                        attempt.parameters().forEach(request::param);
                        if (attempt.body()) {
                            request.contentType(consumes).content(consumes.includes(MediaType.APPLICATION_JSON)
                                    ? samples.body(method.name(), pattern) : "");
                        }
                        request.with(TestCallers.as(ScopeSamples.ownCountyCaller())).with(csrf());
                        MvcResult result;
                        try {
                            result = mockMvc.perform(request).andReturn();
                            if (result.getRequest().isAsyncStarted()) {
                                result = mockMvc.perform(MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
                            }
                        } catch (Exception e) {
                            leaking.add(endpoint + " " + attempt.uri() + attempt.parameters() + " failed: " + e);
                            continue;
                        }
                        int status = result.getResponse().getStatus();
                        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
                        // What the request sent may come back (a search form shows what was looked for).
                        List<String> shown = samples.secrets().stream()
                                .filter(secret -> body.contains(secret) && !attempt.parameters().containsValue(secret)).toList();
                        boolean absent = status == 404 || status == 403;
                        boolean harmless = !attempt.scopedPath() && status < 500 && status != 201; // nothing created
                        if (!shown.isEmpty() || !(absent || harmless)) {
                            leaking.add(endpoint + " " + attempt.uri() + attempt.parameters() + " answered " + status
                                    + (shown.isEmpty() ? "" : " showing " + shown));
                        }
                    }
                }
            }
        }
        int triedAll = tried;
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(unknown).as("path variables and parameters ScopeSamples does not know (register their kind)").isEmpty();
            soft.assertThat(leaking).as("endpoints that answer another county's or province's ids and areas").isEmpty();
            soft.assertThat(auditEntriesElsewhereSince(auditBefore)).as("changes made in the other county or province").isEmpty();
            soft.assertThat(triedAll).isGreaterThan(40);
        });
    }

    /** A request to try: its path with the samples, its parameters, whether it has a body and what in it is area-bound. */
    record Try(String uri, Map<String, String> parameters, boolean body, boolean multipart, boolean scopedPath,
               boolean scopedParameter) {
        boolean scoped() {
            return scopedPath || scopedParameter;
        }
    }

    /** The request for an endpoint, or null when one of its inputs is of a kind not known (then named in {@code unknown}). */
    private static Try attempt(ScopeSamples samples, String pattern, HandlerMethod handler, List<String> unknown,
                              String endpoint) {
        String uri = pattern;
        boolean scopedPath = false;
        java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        while (variables.find()) {
            var input = samples.pathVariable(pattern, variables.group(1));
            if (input.isEmpty()) {
                unknown.add(endpoint + " {" + variables.group(1) + "}");
                return null;
            }
            uri = uri.replace(variables.group(), input.get().value());
            scopedPath |= input.get().scoped();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean scopedParameter = false;
        boolean body = false;
        boolean multipart = false;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            body |= parameter.hasParameterAnnotation(RequestBody.class) || parameter.getParameterType() == java.io.InputStream.class;
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation == null || Map.class.isAssignableFrom(parameter.getParameterType())) {
                continue;
            }
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            String name = !annotation.name().isEmpty() ? annotation.name() : parameter.getParameterName();
            var input = samples.parameter(pattern, name);
            if (input.isEmpty()) {
                unknown.add(endpoint + " ?" + name);
                return null;
            }
            boolean required = annotation.required() && ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue())
                    && !parameter.isOptional();
            if (parameter.getParameterType() == MultipartFile.class) {
                multipart = true;
                continue; // a file is not area-bound; an endpoint that needs one refuses the request without it
            }
            if (input.get().always() || required) {
                parameters.put(name, input.get().value());
                scopedParameter |= input.get().scoped();
            }
        }
        return new Try(uri, parameters, body, multipart, scopedPath, scopedParameter);
    }

    private long lastAuditEntry() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    /** Audit entries written since in the samples' other county and province: any change there writes one. */
    private List<String> auditEntriesElsewhereSince(long last) {
        return jdbc.sql("select actor_login || ' ' || entity || ' ' || entity_id || ' ' || action from audit_event"
                        + " where id > :last and (area_code like :county or area_code like :province)")
                .param("last", last).param("county", ScopeSamples.OTHER_COUNTY + "%")
                .param("province", ScopeSamples.OTHER_PROVINCE + "%").query(String.class).list();
    }

    @Test
    void anotherCountysCountyAttributesAreAbsent() {
        RequestPostProcessor panlong = panlong();
        assertThat(mvc.get().uri("/api/v1/counties/" + OTHER_COUNTY).with(panlong)).hasStatus(404);
        assertThat(mvc.put().uri("/api/v1/counties/" + OTHER_COUNTY).with(panlong).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"poor\": true}")).hasStatus(404);
        assertThat(mvc.get().uri("/counties/" + OTHER_COUNTY).with(panlong)).hasStatus(404);
        assertThat(mvc.post().uri("/counties/" + OTHER_COUNTY).with(panlong).with(csrf()).param("poor", "true")).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/counties").param("area", "5301").with(panlong)).hasStatusOk().bodyJson()
                .extractingPath("$[*].countyCode").asArray().containsExactly("530103");
        assertThat(mvc.post().uri("/api/v1/counties/import").param("attribute", "POOR").with(panlong).with(csrf())
                .contentType("text/csv").content(OTHER_COUNTY + "\n")).hasStatus(400).bodyJson()
                .extractingPath("$.errors[0].code").isEqualTo("unknown-county");
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            assertThat(jdbc.sql("select count(*) from county_attribute where county_code = :c and poor")
                    .param("c", OTHER_COUNTY).query(Integer.class).single()).isZero();
        } finally {
            TestCallers.signOut();
        }
    }

    @Test
    void anotherCountysUsersAreAbsent() {
        UserAccount wuhuaUser = TestUsers.create(accounts, jdbc, Set.of(Role.DATA_ENTRY), OTHER_COUNTY);
        RequestPostProcessor panlong = panlong();
        assertThat(mvc.get().uri("/api/v1/users/" + wuhuaUser.id()).with(panlong)).hasStatus(404);
        assertThat(mvc.get().uri("/users/" + wuhuaUser.id()).with(panlong)).hasStatus(404);
        assertThat(mvc.put().uri("/api/v1/users/" + wuhuaUser.id()).with(panlong).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"taken over\", \"roles\": [\"DATA_ENTRY\"], \"areas\": [\"530103\"]}")).hasStatus(404);
        assertThat(mvc.post().uri("/api/v1/users/" + wuhuaUser.id() + "/password").with(panlong).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"password\": \"Another-Password-1\"}")).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/users").with(panlong)).hasStatusOk().bodyJson()
                .extractingPath("$[*].login").asArray().doesNotContain(wuhuaUser.login(), "admin");
    }

    @Test
    void anotherCountysAuditTrailIsAbsent() {
        UserAccount wuhuaUser = TestUsers.create(accounts, jdbc, Set.of(Role.DATA_ENTRY), OTHER_COUNTY);
        assertThat(mvc.get().uri("/api/v1/audit").param("entityId", Long.toString(wuhuaUser.id())).param("entity", "user")
                .with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR))).hasStatusOk().bodyJson()
                .extractingPath("$.length()").isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/audit").param("entityId", Long.toString(wuhuaUser.id())).param("entity", "user")
                .with(panlong())).hasStatusOk().bodyJson().extractingPath("$.length()").isEqualTo(0);
        assertThat(mvc.get().uri("/api/v1/audit").param("area", OTHER_COUNTY).with(panlong())).hasStatusOk().bodyJson()
                .extractingPath("$.length()").isEqualTo(0);
    }

    @Test
    void anotherProvincesPovertyLineCannotBeAdded() {
        assertThat(mvc.post().uri("/api/v1/poverty-lines").with(panlong()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"provinceCode\": \"61\", \"year\": 2016, \"amount\": 3100}")).hasStatus(400).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("provinceCode");
        assertThat(mvc.post().uri("/api/v1/poverty-lines").with(panlong()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2030, \"amount\": 5000}")).hasStatus(403);
    }

    private static RequestPostProcessor panlong() {
        return TestCallers.as(new Caller(-1, "panlong", EnumSet.allOf(Role.class), Set.of("530103")));
    }
}
