package org.jingzhun.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;

/**
 * The members' endpoints (issue 16): a birth joins, the head leaves naming the new head, a split, a merge refused into
 * a household out of reach, each refusal naming its field; reviewers may not change members; another county sees nothing.
 * In Chenggong district (530114).
 */
@JingzhunTest
@Transactional
class MemberApiTest {

    private static final String COUNTY = "530114";
    private static final RequestPostProcessor CLERK = TestCallers.as(TestCallers.of("chenggong-clerk", EnumSet.of(Role.DATA_ENTRY), COUNTY));
    private static final RequestPostProcessor REVIEWER = TestCallers.as(TestCallers.of("chenggong-reviewer", EnumSet.of(Role.REVIEWER), COUNTY));
    private static final RequestPostProcessor OTHER = TestCallers.as(TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY), "530103"));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void membersJoinLeaveSplitAndMergeThroughTheApi() throws Exception {
        String head = TestPeople.newIdNumber(jdbc, COUNTY, true);
        String wife = TestPeople.newIdNumber(jdbc, COUNTY, false);
        String child = TestPeople.newIdNumber(jdbc, COUNTY, true);
        var created = mvc.post().uri("/api/v1/households").with(CLERK).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"villageCode": "530114001001", "category": "GENERAL", "mainCause": "ILLNESS",
                         "members": [{"name": "孙一", "idNumber": "%s", "relation": "HEAD"},
                                     {"name": "周二", "idNumber": "%s", "relation": "SPOUSE"}]}""".formatted(head, wife)).exchange();
        assertThat(created).hasStatus(201);
        String id = created.getResponse().getContentAsString().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");

        String born = "{\"name\": \"孙三\", \"idNumber\": \"" + child + "\", \"relation\": \"CHILD\", \"joinedOn\": \"2021-04-05\"%s}";
        assertThat(post(id + "/members?version=0", CLERK, born.formatted(""))).hasStatus(400).bodyJson()
                .extractingPath("$.errors[*].field").asArray().containsExactly("joinReason");
        assertThat(post(id + "/members?version=0", REVIEWER, born.formatted(", \"joinReason\": \"BIRTH\""))).hasStatus(403);
        assertThat(post(id + "/members?version=0", CLERK, born.formatted(", \"joinReason\": \"BIRTH\""))).hasStatusOk()
                .bodyJson().extractingPath("$.members.length()").isEqualTo(3);

        String leaves = "{\"idNumber\": \"" + head + "\", \"day\": \"2022-08-09\", \"reason\": \"DEATH\"%s}";
        assertThat(post(id + "/departures?version=1", CLERK, leaves.formatted(""))).hasStatus(400).bodyJson()
                .extractingPath("$.errors[*].field").asArray().containsExactly("newHead");
        assertThat(post(id + "/departures?version=1", CLERK, leaves.formatted(", \"newHead\": \"" + wife + "\"")))
                .hasStatusOk().bodyJson().extractingPath("$.headName").isEqualTo("周二");
        assertThat(post(id + "/departures?version=1", CLERK, leaves.formatted(", \"newHead\": \"" + wife + "\"")))
                .hasStatus(409);

        var split = mvc.post().uri("/api/v1/households/" + id + "/split?version=2").with(CLERK).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"idNumbers\": [\"" + child + "\"], \"head\": \"" + child + "\", \"day\": \"2023-01-01\"}").exchange();
        assertThat(split).hasStatus(201).bodyJson().extractingPath("$.formedFrom").isEqualTo(Integer.parseInt(id));
        String formed = split.getResponse().getContentAsString().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");

        long elsewhere = jdbc.sql("select id from household where county_code <> :county limit 1").param("county", COUNTY)
                .query(Long.class).optional().orElse(-2L);
        assertThat(post(formed + "/merge?version=0", CLERK, "{\"into\": " + elsewhere + ", \"day\": \"2024-01-01\"}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("into");
        assertThat(post(formed + "/merge?version=0", CLERK, "{\"into\": " + id + ", \"day\": \"2024-01-01\"}")).hasStatusOk()
                .bodyJson().extractingPath("$.endedOn").isEqualTo("2024-01-01");

        assertThat(mvc.get().uri("/api/v1/households/" + id + "/member-history").with(CLERK)).hasStatusOk().bodyJson()
                .extractingPath("$[*].reason").asArray().contains("BIRTH", "DEATH", "SPLIT", "MERGE");
        assertThat(mvc.get().uri("/api/v1/households/" + id + "/member-history").with(OTHER)).hasStatus(404);
        assertThat(jdbc.sql("select action from audit_event where entity = 'household' and entity_id = :id order by id")
                .param("id", id).query(String.class).list())
                .containsExactly("create", "member-join", "member-leave", "split", "merge-in");
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult post(String path, RequestPostProcessor caller, String body) {
        return mvc.post().uri("/api/v1/households/" + path).with(caller).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }
}
