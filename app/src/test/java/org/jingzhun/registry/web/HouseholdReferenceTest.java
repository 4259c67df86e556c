package org.jingzhun.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

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
 * A household's external reference, the office's own household number (issue 12, item 8): typed through the API and
 * the form, bounded, unique within its county, searched for, shown on the household page.
 */
@JingzhunTest
@Transactional
class HouseholdReferenceTest {

    private static final RequestPostProcessor WUHUA = TestCallers.as(
            TestCallers.of("wuhua-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
    private static final RequestPostProcessor PANLONG = TestCallers.as(
            TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY), "530103"));
    private static final String HOUSEHOLD = """
            {"villageCode": "%s", "category": "GENERAL", "externalRef": "%s",
             "members": [{"name": "张三", "idNumber": "%s", "relation": "HEAD"}]}""";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JdbcClient jdbc;

    /** A reference no other test uses: tests own their data. */
    private static String newReference() {
        return "HH-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    private String household(String village, String reference) {
        return HOUSEHOLD.formatted(village, reference, TestPeople.newIdNumber(jdbc, village.substring(0, 6), true));
    }

    @Test
    void aReferenceTypedThroughTheApiIsKeptSearchedAndUniqueWithinItsCounty() throws Exception {
        String reference = newReference();
        var created = mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(household("530102001001", " " + reference + " ")).exchange();
        assertThat(created).hasStatus(201).bodyJson().extractingPath("$.externalRef").isEqualTo(reference);
        String id = created.getResponse().getContentAsString().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");

        assertThat(mvc.get().uri("/api/v1/households").param("externalRef", reference).with(WUHUA)).hasStatusOk().bodyJson()
                .extractingPath("$.households[*].id").asArray().containsExactly(Integer.valueOf(id));
        assertThat(mvc.get().uri("/api/v1/households").param("externalRef", reference).with(WUHUA)).bodyJson()
                .extractingPath("$.households[0].externalRef").isEqualTo(reference);

        // Another household of the same county may not take it; one of another county may.
        assertThat(mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(household("530102001001", reference))).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("externalRef"))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("taken"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains(reference));
        assertThat(mvc.post().uri("/api/v1/households").with(PANLONG).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(household("530103001001", reference))).hasStatus(201);
        // Panlong's household is not Wuhua's to find.
        assertThat(mvc.get().uri("/api/v1/households").param("externalRef", reference).with(WUHUA)).bodyJson()
                .extractingPath("$.households[*].id").asArray().containsExactly(Integer.valueOf(id));

        // The household keeps its own reference when changed.
        String head = jdbc.sql("select id_number from member where household_id = :id").param("id", Long.parseLong(id))
                .query(String.class).single();
        assertThat(mvc.put().uri("/api/v1/households/" + id).param("version", "0").with(WUHUA).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(HOUSEHOLD.formatted("530102001001", reference, head)))
                .hasStatusOk();
    }

    @Test
    void aReferenceLongerThanFiftyCharactersIsRefusedNamingTheField() {
        assertThat(mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en").content(household("530102001001", "R".repeat(51)))).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("externalRef"))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("too-long"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("50"));
        assertThat(mvc.post().uri("/api/v1/households").with(WUHUA).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(household("530102001001", "R".repeat(50)))).hasStatus(201);
    }

    @Test
    void theFormTakesTheReferenceAndTheHouseholdPageAndListShowIt() throws Exception {
        String reference = newReference();
        String head = TestPeople.newIdNumber(jdbc, "530102", true);
        var saved = mvc.post().uri("/households").with(WUHUA).with(csrf())
                .param("villageCode", "530102001001").param("category", "GENERAL").param("externalRef", reference)
                .param("members[0].name", "王五").param("members[0].idNumber", head).param("members[0].relation", "HEAD")
                .exchange();
        assertThat(saved).hasStatus3xxRedirection();
        String page = saved.getResponse().getRedirectedUrl();
        assertThat(mvc.get().uri(page).with(WUHUA)).hasStatusOk().bodyText().contains(reference);
        assertThat(mvc.get().uri(page + "/edit").with(WUHUA)).hasStatusOk().bodyText().contains("value=\"" + reference + "\"");
        assertThat(mvc.get().uri("/households").param("externalRef", reference).with(WUHUA)).hasStatusOk().bodyText()
                .contains(page + "\"");

        // The form names the field it refuses.
        var refused = mvc.post().uri("/households").with(WUHUA).with(csrf()).header("Accept-Language", "en")
                .param("villageCode", "530102001001").param("category", "GENERAL").param("externalRef", reference)
                .param("members[0].name", "赵六").param("members[0].idNumber", TestPeople.newIdNumber(jdbc, "530102", true))
                .param("members[0].relation", "HEAD").exchange();
        assertThat(refused).hasStatusOk().bodyText()
                .contains("Another household of this county has the household number " + reference);
    }
}
