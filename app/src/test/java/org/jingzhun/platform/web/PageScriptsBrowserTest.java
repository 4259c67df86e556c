package org.jingzhun.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Under the Content-Security-Policy (issue 11, item 13) the pages' scripts still work in Chromium: htmx's search as
 * you type, the choices that submit their form, ECharts on the dashboard, printing, and "select all"; and the
 * browser reports no blocked script or style on the way.
 */
@JingzhunTest
class PageScriptsBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void thePagesScriptsRunAndNothingIsBlocked() {
        List<String> blocked = new CopyOnWriteArrayList<>();
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy") || message.text().contains("Content-Security-Policy")) {
                    blocked.add(page.url() + ": " + message.text());
                }
            });
            page.onPageError(error -> blocked.add(page.url() + ": " + error));

            page.navigate("/areas");
            page.locator("#area-search").fill("清河县"); // htmx asks the server and swaps the results in
            assertThat(page.locator("#results a[data-code='130534']")).isVisible();

            Browser.signIn(page, "admin", TestDataDirectory.ADMIN_PASSWORD);
            page.navigate("/counties");
            page.locator("#county-area").selectOption("53"); // submits its form by itself
            page.waitForURL(Pattern.compile(".*[?&]area=53.*"));

            // "Select all" on any page that has the script: the box checks every box of its name.
            page.evaluate("""
                    document.querySelector('main').insertAdjacentHTML('beforeend',
                      '<input type="checkbox" id="all" data-check-all="ids"><input type="checkbox" name="ids" class="one">'
                      + '<input type="checkbox" name="ids" class="one"><input type="checkbox" name="other" id="other">')""");
            page.locator("#all").check();
            assertThat(page.locator("input.one:checked")).hasCount(2);
            assertThat(page.locator("#other")).not().isChecked();
            page.locator("#all").uncheck();
            assertThat(page.locator("input.one:checked")).hasCount(0);

            page.navigate("/statistics?area=53");
            assertThat(page.locator("#chart-children canvas")).hasCount(1); // ECharts drew from the page's data

            page.navigate("/statistics/summary?area=53");
            page.evaluate("window.print = () => document.body.dataset.printed = 'yes'");
            page.locator("button[data-print]").click();
            assertThat(page.locator("body")).hasAttribute("data-printed", "yes");
        }
        assertThat(blocked).as("scripts or styles the browser blocked or that failed").isEmpty();
    }
}
