package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A user of one county (Panlong, 530103) holding every role tries each area-bound endpoint on another county
 * (Wuhua, 530102) by guessing its codes and ids, and gets nothing back: absent, as if it did not exist.
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
