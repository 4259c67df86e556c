package org.jingzhun.area.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The division API with codes as in the data files, and the health and OpenAPI endpoints. */
@JingzhunTest
class AreaApiTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void nationHasTheProvincesAndEveryVillage() {
        assertThat(mvc.get().uri("/api/v1/areas")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.children", v -> v.assertThat().isEqualTo(31))
                .hasPathSatisfying("$.villages", v -> v.assertThat().isEqualTo(620_573));
        assertThat(mvc.get().uri("/api/v1/areas/children")).hasStatusOk().bodyJson()
                .extractingPath("$.length()").isEqualTo(31);
    }

    @Test
    void provinceWithItsChildren() {
        assertThat(mvc.get().uri("/api/v1/areas/53")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("云南省"))
                .hasPathSatisfying("$.level", v -> v.assertThat().isEqualTo("PROVINCE"))
                .hasPathSatisfying("$.children", v -> v.assertThat().isEqualTo(16))
                .hasPathSatisfying("$.villages", v -> v.assertThat().isEqualTo(14_888));
        assertThat(mvc.get().uri("/api/v1/areas/53/children")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(16))
                .hasPathSatisfying("$[0].code", v -> v.assertThat().isEqualTo("5301"))
                .hasPathSatisfying("$[0].name", v -> v.assertThat().isEqualTo("昆明市"));
    }

    @Test
    void villageWithItsFullPath() {
        assertThat(mvc.get().uri("/api/v1/areas/530102001001")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("翠湖西路社区居民委员会"))
                .hasPathSatisfying("$.level", v -> v.assertThat().isEqualTo("VILLAGE"))
                .hasPathSatisfying("$.path[*].code", v -> v.assertThat().asArray()
                        .containsExactly("53", "5301", "530102", "530102001"));
    }

    @Test
    void unknownCodeIsNotFoundWithAReasonInTheCallersLanguage() {
        assertThat(mvc.get().uri("/api/v1/areas/99")).hasStatus(404).bodyJson()
                .extractingPath("$.detail").asString().contains("99");
        assertThat(mvc.get().uri("/api/v1/areas/99").header("Accept-Language", "zh-CN")).hasStatus(404).bodyJson()
                .extractingPath("$.detail").isEqualTo("没有代码为“99”的区划。");
        assertThat(mvc.get().uri("/api/v1/areas/abc")).hasStatus(404);
    }

    @Test
    void searchByNameShowsFullPathsToTellApartRepeatedNames() {
        assertThat(mvc.get().uri("/api/v1/areas/search").param("q", "清河")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$[?(@.code == '130534')].path[0].name", v -> v.assertThat().asArray().containsExactly("河北省"))
                .hasPathSatisfying("$[?(@.code == '211204')].path[0].name", v -> v.assertThat().asArray().containsExactly("辽宁省"));
    }

    @Test
    void searchByCodePrefix() {
        assertThat(mvc.get().uri("/api/v1/areas/search").param("q", "5301").param("limit", "5")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$[0].code", v -> v.assertThat().isEqualTo("5301"));
    }

    @Test
    void searchTreatsSqlMetacharactersAsText() {
        for (String q : new String[] {"%", "_", "'; drop table area; --", "\\", "清河%"}) {
            assertThat(mvc.get().uri("/api/v1/areas/search").param("q", q)).hasStatusOk().bodyJson()
                    .extractingPath("$.length()").isEqualTo(0);
        }
        assertThat(mvc.get().uri("/api/v1/areas/53")).hasStatusOk();
    }

    @Test
    void healthAndOpenApiAreServed() {
        assertThat(mvc.get().uri("/actuator/health")).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/v3/api-docs")).hasRedirectedUrl("/login");
        assertThat(mvc.get().uri("/v3/api-docs").with(org.jingzhun.TestCallers.as(org.jingzhun.TestCallers.NATIONAL_ADMINISTRATOR)))
                .hasStatusOk().bodyText()
                .contains("/api/v1/areas/{code}", "/api/v1/areas/{code}/children", "/api/v1/areas/search",
                        "/api/v1/poverty-lines/in-force", "/api/v1/counties/import");
    }
}
