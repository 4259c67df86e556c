package org.jingzhun.identification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identification API: a round opened and households taken through steps as JSON, a photo of the posted list
 * attached (and a file that is no photo refused), refusals as problems naming each application, scope, and the
 * public's API, which needs no sign-in and no CSRF token and answers a flood with 429.
 */
@JingzhunTest
@Transactional
class IdentificationApiTest {

    static final String COUNTY = "530125";
    static final String VILLAGE = "530125001002";
    static final Caller CLERK = TestCallers.of("qingyuan-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
    static final RequestPostProcessor AS_CLERK = TestCallers.as(CLERK);
    static final RequestPostProcessor AS_REVIEWER = TestCallers.as(TestCallers.of("yiliang-reviewer", EnumSet.of(Role.REVIEWER), COUNTY));
    static final RequestPostProcessor AS_OTHER_COUNTY = TestCallers.as(TestCallers.of("wuhua-reviewer",
            EnumSet.of(Role.REVIEWER, Role.DATA_ENTRY), "530102"));
    /** The smallest PNG: its signature and nothing else is enough to be told a PNG. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void householdsThroughTheApiWithAPhotoOfThePostedList() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        Household first = TestHouseholds.record(households, jdbc, VILLAGE, 2, 2015, new BigDecimal("1200"));
        Household second = TestHouseholds.record(households, jdbc, VILLAGE, 3, 2015, new BigDecimal("2500"));
        var opened = mvc.post().uri("/api/v1/identification/rounds").with(AS_REVIEWER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"countyCode\": \"530125\", \"year\": 2015}").exchange();
        assertThat(opened).hasStatus(201).bodyJson().extractingPath("$.povertyLine").isEqualTo(2855.0);
        String round = opened.getResponse().getContentAsString().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");

        assertThat(mvc.post().uri("/api/v1/identification/rounds/" + round + "/applications").with(AS_CLERK).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"householdIds\": [%d, %d], \"proposedBy\": \"VILLAGE\", \"date\": \"%s\"}"
                        .formatted(first.id(), second.id(), today.minusDays(3))))
                .hasStatus(201).bodyJson().extractingPath("$.moved").isEqualTo(2);
        List<Long> ids = jdbc.sql("select id from household_application where round_id = :round order by id")
                .param("round", Long.parseLong(round)).query(Long.class).list();

        // A step out of order is refused naming each application, in the caller's language.
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").with(AS_CLERK).with(csrf())
                .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"VERIFY\", \"ids\": %s, \"approved\": true}".formatted(ids)))
                .hasStatus(409).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("subject:" + ids.get(0)))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("stage"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("已申请"));
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").with(AS_CLERK).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"APPRAISE\", \"ids\": %s, \"approved\": true, \"appraisal\": {\"meetingDate\": \"%s\", \"participants\": 19}}"
                        .formatted(ids, today.minusDays(2))))
                .hasStatusOk().bodyJson().extractingPath("$.moved").isEqualTo(2);
        // Entered afterwards with its day from the paper record: a day before the appraisal is refused naming the date.
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").with(AS_CLERK).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"VERIFY\", \"ids\": %s, \"approved\": true, \"date\": \"%s\"}".formatted(ids, today.minusDays(3))))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("date"))
                .hasPathSatisfying("$.errors[0].code", v -> v.assertThat().isEqualTo("before-previous"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("before the day of what it follows"));
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").with(AS_CLERK).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"step\": \"VERIFY\", \"ids\": %s, \"approved\": true, \"date\": \"%s\"}".formatted(ids, today.minusDays(1))))
                .hasStatusOk();

        // The first publicity with a photo of the posted list; a text file passed off as a photo is refused.
        MockMultipartFile step = new MockMultipartFile("step", "", MediaType.APPLICATION_JSON_VALUE,
                "{\"step\": \"FIRST_PUBLICITY\", \"ids\": %s}".formatted(ids).getBytes());
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").multipart().file(step)
                .file(new MockMultipartFile("file", "list.jpg", "image/jpeg", "not a photo".getBytes()))
                .with(AS_CLERK).with(csrf())).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("attachment"));
        assertThat(mvc.post().uri("/api/v1/identification/applications/steps").multipart().file(step)
                .file(new MockMultipartFile("file", "公示照片.png", "image/png", PNG)).with(AS_CLERK).with(csrf())).hasStatusOk();
        var steps = mvc.get().uri("/api/v1/identification/applications/" + ids.get(0) + "/steps").with(AS_REVIEWER).exchange();
        assertThat(steps).hasStatusOk().bodyJson().extractingPath("$[3].attachmentName").isEqualTo("公示照片.png");
        // The OpenAPI document says how the days are given and checked.
        assertThat(mvc.get().uri("/v3/api-docs").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR))).hasStatusOk()
                .bodyText().contains("procedures held on paper are entered afterwards with their real days",
                        "the day the households applied", "the day it was filed", "the day it was decided");
        assertThat(steps).bodyJson().extractingPath("$[*].doneOn").asArray().containsExactly(today.minusDays(3).toString(),
                today.minusDays(2).toString(), today.minusDays(1).toString(), today.toString());
        String attachment = steps.getResponse().getContentAsString().replaceAll("(?s).*\"attachmentId\":(\\d+).*", "$1");
        assertThat(mvc.get().uri("/api/v1/identification/attachments/" + attachment).with(AS_REVIEWER)).hasStatusOk()
                .hasContentType("image/png");
        assertThat(mvc.get().uri("/api/v1/identification/attachments/" + attachment).with(AS_OTHER_COUNTY)).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/identification/applications/" + ids.get(0)).with(AS_OTHER_COUNTY)).hasStatus(404);

        // The public reads the list without signing in, and files objections without a CSRF token, five an hour from one address.
        assertThat(mvc.get().uri("/api/v1/public/notices").param("area", VILLAGE)).hasStatusOk().bodyJson()
                .extractingPath("$.inPublicity[*].headIdNumber").asArray().hasSize(2)
                .allSatisfy(id -> assertThat(id.toString()).matches("\\d{6}\\*{8}[0-9X]{4}"));
        String objection = "{\"procedure\": \"HOUSEHOLD\", \"subjectId\": %d, \"text\": \"有异议\"}".formatted(ids.get(1));
        for (int i = 0; i < 5; i++) {
            assertThat(mvc.post().uri("/api/v1/public/objections").with(r -> { r.setRemoteAddr("10.0.9.9"); return r; })
                    .contentType(MediaType.APPLICATION_JSON).content(objection)).hasStatus(201);
        }
        assertThat(mvc.post().uri("/api/v1/public/objections").with(r -> { r.setRemoteAddr("10.0.9.9"); return r; })
                .contentType(MediaType.APPLICATION_JSON).content(objection)).hasStatus(429);
        assertThat(mvc.get().uri("/api/v1/public/notices").param("area", "5301")).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/identification/applications/" + ids.get(1) + "/objections").with(AS_REVIEWER))
                .hasStatusOk().bodyJson().extractingPath("$.length()").isEqualTo(5);
    }
}
