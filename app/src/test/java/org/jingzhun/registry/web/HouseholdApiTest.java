package org.jingzhun.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;

/** The household API: JSON errors naming each field with a machine code, scope, and the version check. */
@JingzhunTest
@Transactional
class HouseholdApiTest {

    private static final RequestPostProcessor WUHUA = TestCallers.as(
            TestCallers.of("wuhua-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
    private static final RequestPostProcessor PANLONG = TestCallers.as(
            TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY, Role.AUDITOR), "530103"));
    private static final String HOUSEHOLD = """
            {"villageCode": "530102001001", "category": "GENERAL", "mainCause": "ILLNESS",
             "incomes": {"2014": 2650.50},
             "members": [{"name": "张三", "idNumber": "530102198001010015", "relation": "HEAD"},
                         {"name": "李四", "idNumber": "%s", "relation": "SPOUSE", "sex": "FEMALE"}]}""";

    @Autowired
    MockMvcTester mvc;

    @Test
    void aNationalAdministratorExtendsTheListOfCauses() {
        var admin = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);
        String cause = "{\"code\": \"LACK_OF_HOUSING\", \"nameZh\": \"缺住房\", \"nameEn\": \"Lack of housing\"}";
        assertThat(mvc.post().uri("/api/v1/poverty-causes").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(cause)).hasStatus(201);
        assertThat(mvc.post().uri("/api/v1/poverty-causes").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(cause)).hasStatus(409);
        assertThat(mvc.post().uri("/api/v1/poverty-causes").with(TestCallers.as(TestCallers.of("county-admin",
                EnumSet.of(Role.ADMINISTRATOR), "530102"))).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(cause.replace("HOUSING", "ROADS"))).hasStatus(403);
        assertThat(mvc.get().uri("/api/v1/poverty-causes").with(WUHUA)).hasStatusOk().bodyJson()
                .extractingPath("$[*].code").asArray().contains("ILLNESS", "LACK_OF_HOUSING");
    }

    @Test
    void invalidFieldsAreListedWithACodeAndAMessage() {
        assertThat(mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(HOUSEHOLD.formatted("530102198203040029")))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("members[1].idNumber"))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("check"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("校验码"));
    }

    @Test
    void recordedReadAndChangedAtItsVersion() throws Exception {
        var created = mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(HOUSEHOLD.formatted("530102198203040028")).exchange();
        assertThat(created).hasStatus(201);
        String id = created.getResponse().getContentAsString().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
        assertThat(mvc.get().uri("/api/v1/households/" + id).with(WUHUA)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.members[1].birthDate", v -> v.assertThat().isEqualTo("1982-03-04"))
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(0));
        assertThat(mvc.get().uri("/api/v1/households/" + id).with(PANLONG)).hasStatus(404);
        assertThat(mvc.put().uri("/api/v1/households/" + id).param("version", "0").param("reason", "wife's name corrected")
                .with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(HOUSEHOLD.formatted("530102198203040028").replace("李四", "李思"))).hasStatusOk();
        assertThat(mvc.put().uri("/api/v1/households/" + id).param("version", "0")
                .with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(HOUSEHOLD.formatted("530102198203040028"))).hasStatus(409);
        assertThat(mvc.get().uri("/api/v1/households").param("idNumber", "530102198203040028").with(WUHUA))
                .hasStatusOk().bodyJson().extractingPath("$.households[0].headName").isEqualTo("张三");
    }
}
