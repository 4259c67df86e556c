package org.jingzhun.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.interchange.internal.ImportFailpoints;
import org.jingzhun.job.internal.JobEnds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Issue 15, item 1: one page and one API follow any job, here an import: its owner sees it run (the progress part
 * asked for again while it runs) and its result with a link to the import's report; a national administrator sees
 * it too; a user of another county finds no such job. Waits on the import's failpoint and the job's end.
 */
@JingzhunTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JobPagesTest {

    /** Data entry of Xishan and of Guandu districts (Kunming), users of their own ids. */
    static final Caller OWNER = new Caller(9_150_011, "jobs-page-xishan", EnumSet.of(Role.DATA_ENTRY), Set.of("530112"));
    static final Caller OTHER = new Caller(9_150_012, "jobs-page-guandu", EnumSet.of(Role.DATA_ENTRY, Role.ADMINISTRATOR),
            Set.of("530111"));

    @Autowired
    HouseholdImports imports;
    @Autowired
    ImportFailpoints failpoints;
    @Autowired
    JobEnds ends;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void theOwnerFollowsAJobAndAnotherCountysUserFindsNone() throws Exception {
        ImportFailpoints.Hold held = failpoints.hold(ImportFailpoints.Point.STAGED, job -> job.fileName().equals("followed.csv"));
        long id;
        try {
            TestCallers.signIn(OWNER);
            String village = jdbc.sql("select min(code) from area where level = 5 and code like '530112%' and retired_at is null")
                    .query(String.class).single();
            String csv = "household,villageCode,category,name,idNumber,relation\n" + TestPeople.newHouseholdPrefix() + "1,"
                    + village + ",GENERAL,跟踪," + TestPeople.newIdNumber(jdbc, "530112", true) + ",HEAD\n";
            ImportJob job = imports.start("followed.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    ImportJob.Mode.VALID_ROWS, "AUTO");
            id = job.id();
            held.awaitReached();
            TestCallers.signOut();

            String running = get("/jobs/" + id + "/progress", OWNER, "en", 200);
            assertThat(running).contains("hx-get=\"/jobs/" + id + "/progress\"").contains("Running").contains("role=\"progressbar\"");
            assertThat(get("/api/v1/jobs/" + id, OWNER, "en", 200)).contains("\"kind\":\"import\"").contains("\"state\":\"RUNNING\"")
                    .contains("\"areaCode\":\"530112\"");
        } finally {
            held.release();
        }
        ends.awaitEnd(id);

        String page = get("/jobs/" + id, OWNER, "en", 200);
        assertThat(page).contains("Household import").contains("jobs-page-xishan").contains("id=\"job-result\"")
                .contains("Import done: 1 households entered, 0 rows refused.").contains("href=\"/imports/" + id + "\"")
                .doesNotContain("hx-get");
        assertThat(get("/jobs/" + id, OWNER, "zh-CN", 200)).contains("已完成").contains("导入报告");
        assertThat(get("/jobs", OWNER, "en", 200)).contains("href=\"/jobs/" + id + "\"");
        assertThat(get("/api/v1/jobs", OWNER, "en", 200)).contains("\"id\":" + id + ",");
        assertThat(get("/api/v1/jobs/" + id, OWNER, "en", 200)).contains("\"state\":\"DONE\"").contains("\"progress\":1.0")
                .contains("\"page\":\"/imports/" + id + "\"");

        // Another county's user, an administrator there: no such job, and none in their list.
        get("/jobs/" + id, OTHER, "en", 404);
        get("/jobs/" + id + "/progress", OTHER, "en", 404);
        get("/api/v1/jobs/" + id, OTHER, "en", 404);
        assertThat(get("/jobs", OTHER, "en", 200)).doesNotContain("href=\"/jobs/" + id + "\"");
        assertThat(get("/api/v1/jobs", OTHER, "en", 200)).doesNotContain("\"id\":" + id + ",");
        // A national administrator follows everyone's jobs.
        assertThat(get("/jobs/" + id, TestCallers.NATIONAL_ADMINISTRATOR, "en", 200)).contains("jobs-page-xishan");
        // Signed out: to the sign-in page.
        assertThat(mvc.get().uri("/api/v1/jobs/" + id).exchange().getResponse().getStatus()).isIn(401, 302);
    }

    private String get(String uri, Caller caller, String language, int status) throws Exception {
        MvcTestResult result = mvc.get().uri(uri).header("Accept-Language", language).with(TestCallers.as(caller)).exchange();
        assertThat(result.getResponse().getStatus()).as(uri).isEqualTo(status);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
