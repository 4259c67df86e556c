package org.jingzhun.identification.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium, during a flood of objections (issue 11, item 11): the form's own script ({@code /js/objection.js},
 * loaded from the server, no inline script) solves the proof of work the flood asks, and the citizen's objection is
 * received. Households of Xundian county (530129), which no other test uses.
 */
@JingzhunTest
class PublicObjectionBrowserTest {

    private static final String COUNTY = "530129";
    private static final String VILLAGE = "530129001002";
    /** The flood is written as filings from an address of this test's own, removed at the end. */
    private final String flood = "flood-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        jdbc.sql("delete from objection_filing where address = :flood").param("flood", flood).update();
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void duringAFloodThePagesScriptSolvesTheChallengeAndTheObjectionIsReceived() {
        long application = inFirstPublicity();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < 40; i++) {
            jdbc.sql("insert into objection_filing (address, filed_at) values (:flood, :at)").param("flood", flood)
                    .param("at", now.minusSeconds(i)).update();
        }
        try (BrowserContext villager = Browser.shared().newContext("http://localhost:" + port, "zh-CN")) {
            Page phone = villager.newPage();
            phone.setViewportSize(390, 844);
            List<String> scriptErrors = new java.util.ArrayList<>();
            phone.onPageError(scriptErrors::add);
            phone.navigate("/public/identification/objection?procedure=HOUSEHOLD&subject=" + application);
            assertThat(phone.locator("#objection-form")).hasAttribute("data-bits", java.util.regex.Pattern.compile("1[6-9]|20"));
            phone.locator("#text").fill("这户家里有轿车，不符合条件");
            phone.locator("#submit-objection").click();
            // Waits for the condition: the puzzle takes the phone a moment, longer on a loaded machine.
            assertThat(phone.locator("#received")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
            org.assertj.core.api.Assertions.assertThat(scriptErrors).isEmpty();
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from objection where subject_id = :id and by_public")
                .param("id", application).query(Integer.class).single()).isEqualTo(1);
    }

    /** A household of the village taken to its first publicity (committed: the browser reads it over HTTP). */
    private long inFirstPublicity() {
        Household household = TestHouseholds.record(households, jdbc, VILLAGE, 2, 2014, new BigDecimal("1500"));
        TestCallers.signIn(TestCallers.of("xundian-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY));
        long round = jdbc.sql("select id from identification_round where county_code = :county and year = 2014")
                .param("county", COUNTY).query(Long.class).optional()
                .orElseGet(() -> identification.openRound(new Round.Form(COUNTY, 2014, 7, null, null)).id());
        Caller clerk = TestCallers.of("xundian-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
        TestCallers.signIn(clerk);
        identification.apply(round, List.of(household.id()), Application.Proposer.HOUSEHOLD, null);
        long application = jdbc.sql("select id from household_application where round_id = :round and household_id = :h")
                .param("round", round).param("h", household.id()).query(Long.class).single();
        for (Step step : List.of(Step.APPRAISE, Step.VERIFY, Step.FIRST_PUBLICITY)) {
            identification.step(new StepRequest(step, List.of(application), step == Step.FIRST_PUBLICITY ? null : true, null,
                    null, null, step == Step.APPRAISE ? new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3) : null, null));
        }
        TestCallers.signOut();
        return application;
    }
}
