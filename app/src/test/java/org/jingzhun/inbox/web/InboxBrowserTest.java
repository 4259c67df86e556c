package org.jingzhun.inbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts;
import org.jingzhun.account.TestUsers;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium, with households of Songming (530127): a township clerk signs in to the inbox, follows its entry to the
 * verifications waiting, verifies one household and rejects the other, which asks first (refused once, then
 * confirmed); and on a phone a reviewer prints a village's publicity list, which shows the grounds, masked ID numbers
 * and the county's hotline and prints on A4. With {@code -Djingzhun.screenshots=docs/screenshots} it saves the
 * README's pictures of the inbox and the notice board.
 */
@JingzhunTest
class InboxBrowserTest {

    static final String COUNTY = "530127";
    static final int YEAR = 2016;
    static final String SCREENSHOTS = System.getProperty("jingzhun.screenshots", "");
    static final Caller REVIEWER = TestCallers.of("songming-reviewer", Set.of(Role.REVIEWER), COUNTY);

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    Households households;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Publicity publicity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.jingzhun.TestClock clock;

    @Test
    void aTownshipClerkFollowsAnInboxEntryToAStepAndMakesIt() {
        String township = "530127001";
        String village = township + "001";
        List<Long> applications = applications(village, 2);
        List<Long> neighbours = applications(township + "002", 1); // a case of another village, for the picker to leave out
        step(TestCallers.of("songming-village-clerk", Set.of(Role.DATA_ENTRY), township), Step.APPRAISE, applications);
        step(TestCallers.of("songming-village-clerk", Set.of(Role.DATA_ENTRY), township), Step.APPRAISE, neighbours);
        String villageName = jdbc.sql("select name from area where code = :code").param("code", village).query(String.class).single();
        String clerk = user(Set.of(Role.DATA_ENTRY), township);
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en")) {
            Page page = context.newPage();
            Browser.signIn(page, clerk, TestUsers.PASSWORD);
            page.navigate("/?lang=en");
            var verify = page.locator("#inbox a[data-link*='stage=APPRAISED']");
            assertThat(verify).containsText("Household identification");
            assertThat(verify.locator(".jz-count")).hasText("3");
            shoot(page, "inbox.png");
            verify.click();
            assertThat(page.locator("#cases tbody tr")).hasCount(3);

            // The clerk finds the village by its name with the area picker and narrows the list to it.
            page.locator("#area").pressSequentially(villageName);
            page.locator("[role=option][data-code='" + village + "']").click();
            page.locator("#area").locator("xpath=ancestor::form").locator("button[type=submit]").click();
            assertThat(page.locator("#cases tbody tr")).hasCount(2);

            page.locator("#cases input[name=ids]").nth(1).uncheck();
            page.locator("#make-step").click(); // approved: no question
            assertThat(page.locator("#done")).containsText("1");
            assertThat(page.locator("#cases tbody tr")).hasCount(1);

            // Rejecting cannot be undone: the page asks, and nothing happens when the clerk says no.
            AtomicInteger asked = new AtomicInteger();
            page.onceDialog(dialog -> {
                asked.incrementAndGet();
                dialog.dismiss();
            });
            page.locator("#approved-no").check();
            page.locator("#note").fill("家有稳定收入");
            page.locator("#make-step").click();
            assertThat(page.locator("#cases tbody tr")).hasCount(1);
            org.assertj.core.api.Assertions.assertThat(asked.get()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(stage(applications.get(1))).isEqualTo("APPRAISED");
            page.onceDialog(dialog -> {
                asked.incrementAndGet();
                dialog.accept();
            });
            page.locator("#make-step").click();
            assertThat(page.locator("#done")).containsText("rejected");
            org.assertj.core.api.Assertions.assertThat(asked.get()).isEqualTo(2);
            org.assertj.core.api.Assertions.assertThat(stage(applications.get(0))).isEqualTo("VERIFIED");
            org.assertj.core.api.Assertions.assertThat(stage(applications.get(1))).isEqualTo("REJECTED");

            page.navigate("/");
            assertThat(page.locator("#inbox a[data-link*='stage=APPRAISED'] .jz-count")).hasText("1"); // the other village's
            assertThat(page.locator("#inbox a[data-link*='stage=VERIFIED']")).containsText("1");
        }
    }

    @Test
    void aVillagesPublicityListPrintsOnAPhone() {
        String village = "530127002001";
        List<Long> applications = applications(village, 2);
        Caller villageClerk = TestCallers.of("yangqiao-clerk", Set.of(Role.DATA_ENTRY), village);
        step(villageClerk, Step.APPRAISE, applications);
        step(villageClerk, Step.VERIFY, applications);
        step(villageClerk, Step.FIRST_PUBLICITY, applications);
        TestCallers.signIn(REVIEWER);
        try {
            publicity.setHotline(COUNTY, "0871-67921234");
        } finally {
            TestCallers.signOut();
        }
        String reviewer = user(Set.of(Role.REVIEWER), COUNTY);
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "zh-CN")) {
            Page page = context.newPage();
            page.setViewportSize(390, 844);
            Browser.signIn(page, reviewer, TestUsers.PASSWORD);
            page.navigate("/identification/rounds/" + round().id() + "?area=" + village + "&lang=zh_CN");
            page.locator("#print-publicity").click();
            assertThat(page.locator("#board-title")).containsText("公示名单");
            assertThat(page.locator("#board-lines tbody tr")).hasCount(2);
            assertThat(page.locator("#board-lines code.public-id").first()).containsText("********");
            assertThat(page.locator("#board-period")).containsText(LocalDate.now(clock).toString().substring(0, 4));
            assertThat(page.locator("#board-object")).containsText("0871-67921234");
            org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(390);
            shoot(page, "notice-board-zh.png");

            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            assertThat(page.locator("#print")).isHidden();
            assertThat(page.locator("#board-lines")).isVisible();
            byte[] pdf = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true));
            String text = new String(pdf, StandardCharsets.ISO_8859_1);
            org.assertj.core.api.Assertions.assertThat(text).startsWith("%PDF");
            // A4 is 595 by 842 points: the sheet's own @page size, not the phone's window nor Letter (612 by 792).
            org.assertj.core.api.Assertions.assertThat(text).containsPattern("/MediaBox \\[0 0 59[45]\\.?\\d* 84[12]");

            // The public reads the same hotline beside the list.
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
            page.navigate("/public/identification?area=" + village);
            assertThat(page.locator("#public-hotline")).containsText("0871-67921234");
            assertThat(page.locator("#in-publicity [data-subject]")).hasCount(2);
        }
    }

    /** Applications of new households of the village in the county's round of the year (opened once). */
    private List<Long> applications(String village, int count) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestHouseholds.record(households, jdbc, village, 2 + i, YEAR, new BigDecimal("1800")).id());
        }
        Round round = round();
        TestCallers.signIn(TestCallers.of("songming-applicant", Set.of(Role.DATA_ENTRY), village));
        try {
            identification.apply(round.id(), ids, Application.Proposer.HOUSEHOLD, "inbox");
            return identification.applications(new HouseholdIdentification.Query(round.id(), village, null, 0, 200)).applications()
                    .stream().filter(a -> ids.contains(a.householdId())).map(Application::id).sorted().toList();
        } finally {
            TestCallers.signOut();
        }
    }

    private synchronized Round round() {
        TestCallers.signIn(REVIEWER);
        try {
            return identification.rounds(COUNTY).stream().filter(r -> r.year() == YEAR).findFirst()
                    .orElseGet(() -> identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null)));
        } finally {
            TestCallers.signOut();
        }
    }

    private void step(Caller caller, Step step, List<Long> ids) {
        TestCallers.signIn(caller);
        try {
            StepRequest.Appraisal appraisal = step == Step.APPRAISE
                    ? new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3) : null;
            identification.step(new StepRequest(step, ids, step == Step.FIRST_PUBLICITY ? null : true, null, null, null,
                    appraisal, null));
        } finally {
            TestCallers.signOut();
        }
    }

    private String stage(long application) {
        return jdbc.sql("select stage from procedure_case where procedure = 'HOUSEHOLD' and subject_id = :id")
                .param("id", application).query(String.class).single();
    }

    /** A user of the roles and area who signs in with {@link TestUsers#PASSWORD}, not asked to change it. */
    private String user(Set<Role> roles, String area) {
        return TestUsers.create(accounts, jdbc, roles, area).login();
    }

    private static void shoot(Page page, String name) {
        if (!SCREENSHOTS.isEmpty()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(SCREENSHOTS).resolve(name)).setFullPage(true));
        }
    }
}
