package org.jingzhun.account;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium, the first administrator signs in and creates a data-entry user for one county, warned that such a
 * user cannot make the identification's steps below the county; that user signs in, chooses a password, and sees
 * only its county.
 */
@JingzhunTest
class AccountBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void anAdministratorCreatesACountyUserWhoSeesOnlyThatCounty() {
        String login = "wuhua-" + UUID.randomUUID().toString().substring(0, 6);
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.navigate("/counties");
            assertThat(page).hasURL("http://localhost:" + port + "/login");
            signIn(page, "admin", TestDataDirectory.ADMIN_PASSWORD);
            assertThat(page.locator("#nav-account")).hasText("admin");

            page.navigate("/users/new");
            page.locator("#login").fill(login);
            page.locator("#name").fill("Wuhua data clerk");
            page.locator("#role-DATA_ENTRY").check();
            page.locator("#areaCodes").fill("530102");
            page.locator("#language").selectOption("en");
            page.locator("#password").fill("Initial-Password-1");
            page.locator("#user-form button[type=submit]").click();
            assertThat(page.locator("#saved")).isVisible();
            assertThat(page.locator("#login")).hasValue(login);
            // Bound to a county, a data-entry user cannot make the steps before the county's: the page says so.
            assertThat(page.locator("#binding-warning")).isVisible();
            page.locator("#areaCodes").fill("530102001");
            page.locator("#user-form button[type=submit]").click();
            assertThat(page.locator("#saved")).isVisible();
            assertThat(page.locator("#binding-warning")).hasCount(0);
            page.locator("#areaCodes").fill("530102");
            page.locator("#user-form button[type=submit]").click();
            assertThat(page.locator("#binding-warning")).isVisible();

            page.locator("#sign-out").click();
            assertThat(page.locator("#signed-out")).isVisible();

            signIn(page, login, "Initial-Password-1");
            assertThat(page).hasURL("http://localhost:" + port + "/account/password");
            page.locator("#currentPassword").fill("Initial-Password-1");
            page.locator("#newPassword").fill("Chosen-Password-2");
            page.locator("#change-password button[type=submit]").click();
            assertThat(page.locator("#password-changed")).isVisible();

            page.navigate("/counties");
            assertThat(page.locator("#counties tbody tr")).hasCount(1);
            assertThat(page.locator("#counties tbody tr")).hasAttribute("data-code", "530102");
            page.navigate("/counties?area=53");
            assertThat(page.locator("#counties tbody tr")).hasCount(1);
            page.navigate("/counties/530103");
            assertThat(page.locator("#error-message")).containsText("530103");
            assertThat(page.locator("a[href='/users']")).hasCount(0);
        }
    }

    private static void signIn(Page page, String login, String password) {
        page.navigate("/login");
        page.locator("#username").fill(login);
        page.locator("#password").fill(password);
        page.locator("#signin button[type=submit]").click();
    }
}
