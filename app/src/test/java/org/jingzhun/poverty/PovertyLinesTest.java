package org.jingzhun.poverty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.jingzhun.platform.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/** The national line by year, provincial overrides, and a year without a line. */
@JingzhunTest
@Transactional
class PovertyLinesTest {

    private static final RequestPostProcessor ADMIN = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);

    @Autowired
    PovertyLines lines;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }
    @Autowired
    MockMvcTester mvc;

    @Test
    void nationalLinesAtCurrentPrices() {
        int[][] expected = {{2010, 2300}, {2011, 2536}, {2012, 2625}, {2013, 2736}, {2014, 2800}, {2015, 2855}, {2016, 2952}};
        for (int[] yearAndAmount : expected) {
            PovertyLine line = lines.lineFor("53", yearAndAmount[0]);
            assertThat(line.national()).isTrue();
            assertThat(line.amount()).isEqualByComparingTo(BigDecimal.valueOf(yearAndAmount[1]));
        }
    }

    @Test
    void aProvincialLineOverridesTheNationalOneForItsProvinceOnly() {
        lines.add("61", 2014, new BigDecimal("3015"), "Shaanxi line, 2,500 yuan at 2010 prices");
        assertThat(lines.lineFor("61", 2014).amount()).isEqualByComparingTo("3015");
        assertThat(lines.lineFor("61", 2014).provinceCode()).isEqualTo("61");
        assertThat(lines.lineFor("61", 2015).amount()).isEqualByComparingTo("2855");
        assertThat(lines.lineFor("53", 2014).amount()).isEqualByComparingTo("2800");
    }

    @Test
    void aProvincialLineBelowTheNationalOneIsRefused() {
        assertThat(post("{\"provinceCode\": \"61\", \"year\": 2014, \"amount\": 2500}")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("below-national"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("2014", "2,800"));
        assertThat(lines.lineFor("61", 2014).national()).isTrue();
    }

    @Test
    void aYearWithoutALineIsAClearRefusalNotZero() {
        assertThatThrownBy(() -> lines.lineFor("53", 2017))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                    assertThat(e.messageKey()).isEqualTo("poverty-line.none");
                });
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/poverty-lines/in-force").param("province", "53").param("year", "2017"))
                .hasStatus(404).bodyJson().extractingPath("$.detail").asString()
                .contains("2017", "云南省").doesNotContain("2,017");
    }

    @Test
    void addingANationalLineForANewYearMakesItTheLineInForce() {
        assertThat(post("{\"year\": 2017, \"amount\": 3000, \"note\": \"entered by the administrator\"}")).hasStatus(201);
        assertThat(mvc.get().with(ADMIN).uri("/api/v1/poverty-lines/in-force").param("province", "53").param("year", "2017"))
                .hasStatusOk().bodyJson().extractingPath("$.amount").isEqualTo(3000.0);
    }

    @Test
    void invalidLinesAreRefusedFieldByField() {
        assertThat(post("{\"provinceCode\": \"99\", \"year\": 1900, \"amount\": -5}")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[*].field", v -> v.assertThat().asArray()
                        .containsExactlyInAnyOrder("provinceCode", "year", "amount"));
        assertThat(post("{\"amount\": 2000.123}")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[*].code", v -> v.assertThat().asArray().containsExactlyInAnyOrder("required", "range"));
        assertThat(post("not json")).hasStatus(400);
    }

    @Test
    void aSecondLineForTheSameYearAndPlaceConflicts() {
        assertThat(post("{\"year\": 2014, \"amount\": 2900}")).hasStatus(409);
        assertThat(lines.lineFor("53", 2014).amount()).isEqualByComparingTo("2800");
    }

    @Test
    void thePageShowsAProblemNextToTheField() {
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/poverty-lines").param("year", "2018").param("amount", "abc").param("lang", "en"))
                .hasStatusOk().bodyText().contains("is-invalid", "“abc” is not an amount in yuan.");
        assertThat(mvc.post().with(ADMIN).with(csrf()).uri("/poverty-lines").param("year", "2018").param("amount", "3100"))
                .hasStatus3xxRedirection();
        assertThat(lines.lineFor("53", 2018).amount()).isEqualByComparingTo("3100");
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult post(String json) {
        return mvc.post().with(ADMIN).with(csrf()).uri("/api/v1/poverty-lines").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }
}
