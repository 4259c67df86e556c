package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public's objections under a flood (issue 11, item 11): no set of addresses can close the channel for the
 * others. Five an hour from one address, counted in the database; beyond a flood's threshold every filing brings
 * a proof of work, which a new address (a citizen's phone, or an API client) can always give. Households of
 * Luquan county (530128), which no other test uses.
 */
@JingzhunTest
@Transactional
class PublicObjectionFloodTest {

    static final String COUNTY = "530128";
    static final String VILLAGE_A = "530128001002";
    static final String VILLAGE_B = "530128002201";
    static final int YEAR = 2014;
    static final Caller COUNTY_REVIEWER = TestCallers.of("luquan-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);

    @Autowired
    MockMvcTester mvc;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void sixtyAddressesFloodVillageAAndANewAddressStillObjectsInVillageAAndVillageB() throws Exception {
        Round round = openRound();
        long inA = inFirstPublicity(round, VILLAGE_A);
        long inB = inFirstPublicity(round, VILLAGE_B);

        int filed = 0;
        int challenged = 0;
        for (int address = 1; address <= 60; address++) {
            for (int i = 0; i < 5; i++) {
                MvcTestResult answer = object(from("10.60.0." + address), inA, "flood " + address + "-" + i, null, null);
                int status = answer.getResponse().getStatus();
                if (status == 201) {
                    filed++;
                } else {
                    // Not "too many": the flood is asked for a proof of work, which it did not bring.
                    assertThat(answer).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("proof");
                    challenged++;
                }
            }
        }
        assertThat(filed).isPositive().isLessThanOrEqualTo(30);
        assertThat(challenged).isEqualTo(300 - filed);

        // A new address without the proof is asked for it, not turned away as too many.
        assertThat(object(from("10.61.0.1"), inA, "他家有车", null, null)).hasStatus(400).bodyJson()
                .extractingPath("$.errors[0].code").isEqualTo("required");

        // With the challenge answered it is heard in village A and in village B; each answer serves once.
        JsonNode challenge = challenge();
        assertThat(challenge.get("required").asBoolean()).isTrue();
        assertThat(challenge.get("bits").asInt()).isBetween(16, 18);
        String nonce = solve(challenge.get("challenge").asText(), challenge.get("bits").asInt());
        assertThat(object(from("10.61.0.1"), inA, "他家有车", challenge.get("challenge").asText(), nonce)).hasStatus(201);
        assertThat(object(from("10.61.0.1"), inB, "他家有楼房", challenge.get("challenge").asText(), nonce)).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].code").isEqualTo("spent");
        JsonNode another = challenge();
        assertThat(object(from("10.61.0.1"), inB, "他家有楼房", another.get("challenge").asText(),
                solve(another.get("challenge").asText(), another.get("bits").asInt()))).hasStatus(201);
        // A wrong nonce is refused as such.
        JsonNode third = challenge();
        assertThat(object(from("10.61.0.2"), inB, "x", third.get("challenge").asText(), "1x")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].code").isEqualTo("wrong");

        // The page's form carries the challenge for its script; with the answer the citizen's objection is received.
        String form = mvc.get().uri("/public/identification/objection").param("procedure", "HOUSEHOLD")
                .param("subject", Long.toString(inB)).with(from("10.61.0.3")).exchange().getResponse().getContentAsString();
        assertThat(form).contains("src=\"/js/objection.js\"").doesNotContain("<script>");
        String pageChallenge = find(form, "name=\"challenge\" id=\"challenge\" value=\"([^\"]+)\"");
        int bits = Integer.parseInt(find(form, "data-bits=\"(\\d+)\""));
        assertThat(mvc.post().uri("/public/identification/objection").with(from("10.61.0.3"))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("procedure", "HOUSEHOLD").param("subject", Long.toString(inB)).param("text", "这户在城里有房")
                .param("challenge", pageChallenge).param("nonce", solve(pageChallenge, bits)))
                .hasStatusOk().bodyText().contains("id=\"received\"");

        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(jdbc.sql("select count(*) from objection where subject_id = :b").param("b", inB).query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void fiveAnHourFromOneAddressWhateverItsForgedForwardedForSays() throws Exception {
        long inA = inFirstPublicity(openRound(), VILLAGE_A);
        for (int i = 0; i < 5; i++) {
            String forged = "198.51.100." + (i + 1);
            assertThat(object(from("10.62.0.1", forged), inA, "objection " + i, null, null)).hasStatus(201);
        }
        assertThat(object(from("10.62.0.1", "198.51.100.99"), inA, "one more", null, null)).hasStatus(429);
        // Counted in the database, under the connection's address: what another instance would read.
        assertThat(jdbc.sql("select count(*) from objection_filing where address = '10.62.0.1'").query(Integer.class).single())
                .isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from objection_filing where address like '198.51.100.%'").query(Integer.class).single())
                .isZero();
        // An hour later the address is heard again.
        clock.advance(java.time.Duration.ofMinutes(61));
        assertThat(object(from("10.62.0.1"), inA, "an hour later", null, null)).hasStatus(201);
    }

    private Round openRound() {
        TestCallers.signIn(COUNTY_REVIEWER);
        try {
            return identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));
        } finally {
            TestCallers.signOut();
        }
    }

    /** A household of the village taken to its first publicity by the village's clerk: its application's id. */
    private long inFirstPublicity(Round round, String village) {
        Household household = TestHouseholds.record(households, jdbc, village, 2, YEAR, new BigDecimal("1500"));
        Caller clerk = TestCallers.of("luquan-clerk-" + village, EnumSet.of(Role.DATA_ENTRY), village);
        TestCallers.signIn(clerk);
        try {
            identification.apply(round.id(), List.of(household.id()), Application.Proposer.HOUSEHOLD, null);
            long application = jdbc.sql("select id from household_application where round_id = :round and household_id = :h")
                    .param("round", round.id()).param("h", household.id()).query(Long.class).single();
            for (Step step : List.of(Step.APPRAISE, Step.VERIFY, Step.FIRST_PUBLICITY)) {
                StepRequest.Appraisal appraisal = step == Step.APPRAISE ? new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3) : null;
                identification.step(new StepRequest(step, List.of(application), step == Step.FIRST_PUBLICITY ? null : true,
                        null, null, null, appraisal, null));
            }
            return application;
        } finally {
            TestCallers.signOut();
        }
    }

    private MvcTestResult object(RequestPostProcessor from, long subject, String text, String challenge, String nonce) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("procedure", "HOUSEHOLD", "subjectId", subject, "text", text,
                "challenge", challenge == null ? "" : challenge, "nonce", nonce == null ? "" : nonce));
        return mvc.post().uri("/api/v1/public/objections").with(from).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private JsonNode challenge() throws Exception {
        MvcTestResult answer = mvc.get().uri("/api/v1/public/objections/challenge").exchange();
        assertThat(answer).hasStatusOk();
        return json.readTree(answer.getResponse().getContentAsString());
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** From the address, with an X-Forwarded-For header the client wrote itself. */
    private static RequestPostProcessor from(String address, String forwardedFor) {
        return request -> {
            request.setRemoteAddr(address);
            request.addHeader("X-Forwarded-For", forwardedFor);
            return request;
        };
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** What the page's script and an API client do: try nonces until the hash begins with the bits asked. */
    static String solve(String challenge, int bits) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (long nonce = 0; ; nonce++) {
            byte[] hash = sha256.digest((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
            boolean solves = true;
            for (int i = 0; i < bits && solves; i++) {
                solves = (hash[i / 8] & (0x80 >>> (i % 8))) == 0;
            }
            if (solves) {
                return Long.toString(nonce);
            }
        }
    }
}
