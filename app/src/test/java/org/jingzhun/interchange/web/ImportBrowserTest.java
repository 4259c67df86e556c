package org.jingzhun.interchange.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium, a clerk uploads a file of twenty thousand households with two bad rows, watches the progress,
 * downloads the refused rows, fixes them in that file and uploads it again: then every household is in.
 */
@JingzhunTest
class ImportBrowserTest {

    private static final String PASSWORD = "Browser-Password-1";
    private static final String VILLAGE = "530102001001";
    private static final int HOUSEHOLDS = 20_000;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path files;

    @Test
    void aClerkImportsFixesTheRefusedRowsAndImportsThemAgain() throws Exception {
        String clerk = user();
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder("户编号,行政村代码,贫困户属性,姓名,身份证号码,与户主关系\n");
        String run = org.jingzhun.interchange.TestPeople.newHouseholdPrefix(); // household numbers are references, unique within a county
        for (int i = 0; i < HOUSEHOLDS; i++) {
            // Born in the 1930s: no other test gives such numbers in Wuhua.
            String birth = LocalDate.of(1930, 1, 1).plusDays(i % 3650).toString().replace("-", "");
            String id = TestPeople.withCheck("530102" + birth + String.format("%03d", 2 * (i / 3650) + 1));
            ids.add(id);
            String written = i == 7 ? id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1') : id; // a typing error
            String category = i == 12_345 ? "低保户" : "一般贫困户"; // not a category's name
            csv.append(run).append("H").append(i).append(',').append(VILLAGE).append(',').append(category).append(",村民").append(i)
                    .append(',').append(written).append(",户主\n");
        }
        Path upload = files.resolve("households.csv");
        Files.writeString(upload, csv, StandardCharsets.UTF_8);

        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "zh-CN")) {
            Page page = context.newPage();
            signIn(page, clerk);
            page.navigate("/imports?lang=en");
            page.locator("#file").setInputFiles(upload);
            page.locator("#start-import").click();

            assertThat(page.locator("#job-status")).not().hasAttribute("data-status", "DONE");
            assertThat(page.locator("#progress .progress")).isVisible();
            assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            assertThat(page.locator("#result-added")).containsText("19,998 households");
            assertThat(page.locator("#result-refused")).containsText("2 rows refused");
            assertThat(page.locator("#problems tbody tr")).hasCount(2);
            assertThat(page.locator("#problems tbody tr").first()).containsText("check character");

            Download download = page.waitForDownload(() -> page.locator("#refused-csv").click());
            Path refused = files.resolve("refused.csv");
            download.saveAs(refused);
            List<String> lines = Files.readAllLines(refused, StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(lines).hasSize(3);
            org.assertj.core.api.Assertions.assertThat(lines.get(0)).endsWith(",Problems");
            List<String> fixed = new ArrayList<>(List.of(lines.get(0)));
            fixed.add(lines.get(1).replace(lines.get(1).split(",")[4], ids.get(7)));
            fixed.add(lines.get(2).replace("低保户", "低保贫困户"));
            Path again = files.resolve("fixed.csv");
            Files.write(again, fixed, StandardCharsets.UTF_8);

            page.navigate("/imports");
            page.locator("#file").setInputFiles(again);
            page.locator("#start-import").click();
            assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            assertThat(page.locator("#result-added")).containsText("2 households");
            assertThat(page.locator("#result-refused")).containsText("0 rows refused");
            org.assertj.core.api.Assertions.assertThat(page.locator("#problems").count()).isZero();
        }
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from member where id_number = any(:ids)")
                .param("ids", ids.toArray(String[]::new)).query(Long.class).single()).isEqualTo(HOUSEHOLDS);
    }

    private String user() {
        String login = "import-" + UUID.randomUUID().toString().substring(0, 8);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            long id = accounts.create(new Accounts.UserForm(login, login, "en", true, Set.of(Role.DATA_ENTRY), Set.of("530102")),
                    PASSWORD).id();
            jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", id).update();
        } finally {
            TestCallers.signOut();
        }
        return login;
    }

    private static void signIn(Page page, String login) {
        page.navigate("/login");
        page.locator("#username").fill(login);
        page.locator("#password").fill(PASSWORD);
        page.locator("#signin button[type=submit]").click();
    }
}
