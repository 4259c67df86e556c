package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.LongStream;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Issue 12, item 5: a refusal of more problems than it shows (it showed 100 of 2,793 and lost the rest) keeps every
 * one of them under an id for a day, for the user it was given to: paged as the API pages lists, and as a download.
 */
@JingzhunTest
class RefusalListsTest {

    static final Caller CLERK = TestCallers.of("refusal-lists-clerk", EnumSet.of(Role.DATA_ENTRY), "530125");
    static final Caller SOMEONE_ELSE = TestCallers.of("refusal-lists-other", EnumSet.of(Role.DATA_ENTRY), "530125");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    MockMvc mockMvc;

    @Test
    void aRefusalOfMoreProblemsThanItShowsKeepsThemAllForItsUser() throws Exception {
        // A step for 250 applications that do not exist: 250 problems, one each.
        List<Long> ids = LongStream.rangeClosed(1, 250).map(i -> Long.MAX_VALUE - i).boxed().toList();
        MvcTestResult refused = mvc.post().uri("/api/v1/identification/applications/steps").with(TestCallers.as(CLERK))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"VERIFY\", \"ids\": %s, \"approved\": true}".formatted(ids)).exchange();
        assertThat(refused).hasStatus(409);
        String body = refused.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<List<?>>read(body, "$.errors")).hasSize(100);
        assertThat(JsonPath.<Integer>read(body, "$.problemCount")).isEqualTo(250);
        String id = JsonPath.read(body, "$.refusalId");

        assertThat(mvc.get().uri("/api/v1/refusals/" + id + "/problems").param("page", "2").param("size", "100")
                .with(TestCallers.as(CLERK))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.total", v -> v.assertThat().isEqualTo(250))
                .hasPathSatisfying("$.items.length()", v -> v.assertThat().isEqualTo(50))
                .hasPathSatisfying("$.items[49].n", v -> v.assertThat().isEqualTo(250))
                .hasPathSatisfying("$.items[49].field", v -> v.assertThat().isEqualTo("subject:" + ids.get(249)));

        // A streamed download: its body comes with the async dispatch.
        MvcResult started = mockMvc.perform(MockMvcRequestBuilders.get("/api/v1/refusals/" + id + "/problems.csv")
                .with(TestCallers.as(CLERK))).andReturn();
        MvcResult download = mockMvc.perform(MockMvcRequestBuilders.asyncDispatch(started)).andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        String csv = download.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.strip().split("\r\n")).hasSize(251);
        assertThat(csv).contains("subject:" + ids.get(249));

        // Another user, even of the same county, gets nothing; nor does a wrong page size.
        assertThat(mvc.get().uri("/api/v1/refusals/" + id + "/problems").with(TestCallers.as(SOMEONE_ELSE))).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/refusals/" + id + "/problems.csv").with(TestCallers.as(SOMEONE_ELSE))).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/refusals/" + id + "/problems").param("size", "100000")
                .with(TestCallers.as(CLERK))).hasStatus(400);
    }

    @Test
    void aShortRefusalIsWholeAndKeepsNothing() {
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").with(TestCallers.as(CLERK)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"VERIFY\", \"ids\": [%d], \"approved\": true}".formatted(Long.MAX_VALUE - 1)))
                .hasStatus(409).bodyJson().doesNotHavePath("$.refusalId");
    }
}
