package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input that answered a generic 500 (issue 11, item 14): a NUL in any text parameter of any GET endpoint, values
 * longer than their column, endless lists and names that read otherwise than they are. Each is a 400 naming the field.
 */
@JingzhunTest
class BadInputTest {

    static final Caller ADMINISTRATOR = TestCallers.NATIONAL_ADMINISTRATOR;
    static final Caller CLERK = TestCallers.of("bad-input-clerk", EnumSet.of(Role.DATA_ENTRY), "530102");

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNulInAnyTextParameterOfAnyGetEndpointIsA400NamingIt() {
        Map<String, String> samples = Map.of("{code}", "530102", "{id}", "1", "{year}", "2014", "{province}", "53");
        List<String> notRefused = new ArrayList<>();
        int checked = 0;
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                    continue;
                }
                for (String name : textParameters(entry.getValue())) {
                    for (String pattern : entry.getKey().getPatternValues()) {
                        String path = pattern;
                        for (Map.Entry<String, String> sample : samples.entrySet()) {
                            path = path.replace(sample.getKey(), sample.getValue());
                        }
                        path = path.replaceAll("\\{[^}]+}", "1");
                        checked++;
                        MvcTestResult result = mvc.get().uri(path).param(name, "53\u0000x").with(TestCallers.as(ADMINISTRATOR)).exchange();
                        String body = contentOf(result);
                        if (result.getResponse().getStatus() != 400 || !body.contains(name)) {
                            notRefused.add("GET " + path + "?" + name + " answered " + result.getResponse().getStatus());
                        }
                    }
                }
            }
        }
        assertThat(notRefused).as("GET endpoints that do not refuse a NUL in a text parameter with a 400 naming it").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aValueLongerThanItsColumnIsRefusedNamingTheFieldAndItsLimit() throws Exception {
        Map<String, Object> member = head();
        member.put("skills", "s".repeat(201));
        member.put("migrantPlace", "p".repeat(101));
        member.put("ethnicity", "e".repeat(21));
        Map<String, Object> household = household(List.of(member));
        household.put("address", "a".repeat(201));
        household.put("groupName", "g".repeat(101));
        household.put("phone", "1".repeat(31));
        household.put("production", "p".repeat(2001));
        household.put("villageCode", "5".repeat(13));
        JsonNode problem = refused(household);
        assertThat(problems(problem)).contains("members[0].skills too-long 200", "members[0].migrantPlace too-long 100",
                "members[0].ethnicity too-long 20", "address too-long 200", "groupName too-long 100", "phone too-long 30",
                "production too-long 2000", "villageCode too-long 12");
    }

    @Test
    void aNulOrAControlOrDirectionCharacterInTheFormIsRefusedNamingTheField() throws Exception {
        Map<String, Object> head = head();
        head.put("name", "张\u202Eabc");
        Map<String, Object> spouse = head();
        spouse.put("relation", "SPOUSE");
        spouse.put("name", "李\u0007四");
        Map<String, Object> child = head();
        child.put("relation", "CHILD");
        child.put("skills", "种\u0000植");
        Map<String, Object> household = household(List.of(head, spouse, child));
        household.put("address", "村\u0000口");
        household.put("otherCauses", List.of("ILLNESS\u0000"));
        JsonNode problem = refused(household);
        assertThat(problems(problem)).contains("members[0].name bidi-control", "members[1].name control-character",
                "members[2].skills control-character", "address control-character", "otherCauses control-character");
    }

    @Test
    void listsAreBounded() throws Exception {
        Map<String, Object> household = household(Collections.nCopies(31, head()));
        household.put("otherCauses", Collections.nCopies(100_000, "ILLNESS"));
        Map<String, Object> incomes = new LinkedHashMap<>();
        for (int year = 1970; year < 2021; year++) {
            incomes.put(String.valueOf(year), 1000);
        }
        household.put("incomes", incomes);
        assertThat(problems(refused(household))).contains("members too-many 30", "otherCauses too-many", "incomes too-many 50");

        Map<String, Object> twice = household(List.of(head()));
        twice.put("otherCauses", List.of("ILLNESS", "ILLNESS"));
        assertThat(problems(refused(twice))).contains("otherCauses duplicate ILLNESS");
        assertThat(jdbc.sql("select count(*) from household where cardinality(other_causes) > 20").query(Long.class).single()).isZero();
    }

    @Test
    void aUserIsBoundToAtMostAThousandAreas() throws Exception {
        List<String> villages = jdbc.sql("select code from area where code like '5301%' and length(code) = 12 order by code limit 1001")
                .query(String.class).list();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("login", "many-areas");
        user.put("name", "Many areas");
        user.put("language", "en");
        user.put("enabled", true);
        user.put("roles", List.of("ANALYST"));
        user.put("areas", villages);
        MvcTestResult result = mvc.post().uri("/api/v1/users").with(TestCallers.as(ADMINISTRATOR)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(user)).exchange();
        assertThat(result).hasStatus(400);
        assertThat(problems(json.readTree(contentOf(result)))).contains("areas too-many 1000");

        user.put("areas", List.of("53"));
        user.put("name", "Evil\u202Eliam");
        result = mvc.post().uri("/api/v1/users").with(TestCallers.as(ADMINISTRATOR)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(user)).exchange();
        assertThat(result).hasStatus(400);
        assertThat(problems(json.readTree(contentOf(result)))).contains("name control-character");
    }

    /** The String request parameters of a handler (the text a caller types). */
    private static List<String> textParameters(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && parameter.getParameterType() == String.class) {
                String name = param.name().isEmpty() ? param.value() : param.name();
                names.add(name.isEmpty() ? parameter.getParameterName() : name);
            }
        }
        return names;
    }

    private Map<String, Object> household(List<Map<String, Object>> members) {
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("villageCode", "530102001001");
        household.put("category", "GENERAL");
        household.put("mainCause", "ILLNESS");
        household.put("members", members);
        return household;
    }

    private static Map<String, Object> head() {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("name", "张三");
        member.put("idNumber", "530102198001010011");
        member.put("relation", "HEAD");
        return member;
    }

    private JsonNode refused(Map<String, Object> household) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/v1/households").with(TestCallers.as(CLERK)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(household)).exchange();
        assertThat(result).hasStatus(400);
        return json.readTree(contentOf(result));
    }

    /** Each refused field as "field code", followed by the limit its message names when it names one. */
    private static List<String> problems(JsonNode problem) {
        List<String> problems = new ArrayList<>();
        for (JsonNode error : problem.get("errors")) {
            String message = error.get("message").asText().replaceAll("(\\d),(\\d)", "$1$2");
            String limit = message.replaceAll("\\D+", " ").strip();
            String code = error.get("code").asText();
            String value = code.equals("duplicate") ? message.replaceAll(".*“(.*)”.*", "$1") : limit;
            problems.add((error.get("field").asText() + " " + code + " " + value).strip());
        }
        return problems;
    }

    private static String contentOf(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
