package org.jingzhun.interchange.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.job.Job;
import org.jingzhun.job.Jobs;
import org.jingzhun.job.internal.JobEnds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Issue 15, item 1: demonstration data is generated as a job, which reports its stages and share done as it goes
 * and ends with the generation's report, on the demonstration page and on the job's own page. Tibet (54), which no
 * other test fills, at a ten-thousandth; its households are removed afterwards.
 */
@JingzhunTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DemonstrationJobTest {

    static final String TIBET = "54";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Jobs jobs;
    @Autowired
    JobEnds ends;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void emptyTibet() {
        TestCallers.signOut();
        jdbc.sql("delete from household_application where village_code like '54%'").update();
        jdbc.sql("delete from household_income where household_id in (select id from household where village_code like '54%')").update();
        jdbc.sql("delete from member where household_id in (select id from household where village_code like '54%')").update();
        jdbc.sql("delete from household where village_code like '54%'").update();
    }

    @Test
    void aRunIsAJobWithItsProgressAndReport() throws Exception {
        MvcTestResult started = mvc.post().uri("/demonstration").param("province", TIBET).param("scale", "0.0001")
                .param("seed", "15").with(csrf()).with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR)).exchange();
        assertThat(started.getResponse().getStatus()).isEqualTo(302);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        Job job = jobs.latest("demonstration").orElseThrow();
        assertThat(job.parameters()).contains("\"province\":\"54\"");
        ends.awaitEnd(job.id());

        Job done = jobs.get(job.id());
        long households = jdbc.sql("select count(*) from household where village_code like '54%'").query(Long.class).single();
        assertThat(households).isPositive();
        assertThat(done.state()).isEqualTo(Job.State.DONE);
        assertThat(done.percent()).isEqualTo(100);
        // Its stages were reported as it went, the last one the end.
        assertThat(done.step()).isEqualTo("demonstration.stage.DONE");
        assertThat(done.resultKey()).isEqualTo("demonstration.done");
        assertThat(done.resultArgs().getFirst()).isEqualTo(Long.toString(households));
        assertThat(done.page()).isEqualTo("/demonstration");

        String page = page("/demonstration");
        assertThat(page).contains("id=\"demonstration-report\"").contains(households + " households with")
                .contains("href=\"/jobs/" + job.id() + "\"").doesNotContain("hx-get");
        assertThat(page("/jobs/" + job.id())).contains("Demonstration data").contains(households + " households with")
                .contains("href=\"/demonstration\"");
    }

    private String page(String uri) throws Exception {
        MvcTestResult result = mvc.get().uri(uri).header("Accept-Language", "en")
                .with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR)).exchange();
        assertThat(result.getResponse().getStatus()).as(uri).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
