package org.jingzhun.area.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person in Chromium drills from the nation to a village, searches, and switches the language. */
@JingzhunTest
class AreaBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void drillsFromTheNationDownToAVillage() {
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.navigate("/areas");
            assertThat(page.locator("#area-name")).hasText("Nation");
            assertThat(page.locator("#area-summary")).hasText("31 subdivisions, 620,573 villages");

            for (String name : new String[] {"云南省", "昆明市", "五华区", "华山街道", "翠湖西路社区居民委员会"}) {
                page.locator("#children a", new Page.LocatorOptions().setHasText(name)).first().click();
                assertThat(page.locator("#area-name")).hasText(name);
            }
            assertThat(page).hasURL("http://localhost:" + port + "/areas/530102001001");
            assertThat(page.locator("#area-code")).hasText("530102001001");
            assertThat(page.locator("#breadcrumbs li")).hasCount(6);
            assertThat(page.locator("#children")).hasCount(0);

            page.locator("#breadcrumbs a", new Page.LocatorOptions().setHasText("五华区")).click();
            assertThat(page.locator("#area-name")).hasText("五华区");
            assertThat(page.locator("#area-summary")).hasText("11 subdivisions, 101 villages");
        }
    }

    @Test
    void searchShowsFullPathsAsYouType() {
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.navigate("/areas");
            page.locator("#area-search").fill("清河县");
            assertThat(page.locator("#results a[data-code='130534']")).containsText("河北省 / 邢台市 / 清河县");
            page.locator("#results a[data-code='130534']").click();
            assertThat(page.locator("#area-name")).hasText("清河县");
        }
    }

    @Test
    void switchesToChineseAndRemembersIt() {
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.navigate("/areas/53");
            assertThat(page.locator("nav.navbar")).containsText("Poverty lines");

            page.locator("#lang-zh").click();
            assertThat(page.locator("nav.navbar")).containsText("贫困标准");
            assertThat(page.locator("#area-summary")).hasText("下辖 16 个区划，14,888 个村");
            assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");

            page.navigate("/areas/5301");
            assertThat(page.locator("#area-summary")).hasText("下辖 14 个区划，1,738 个村");
            page.locator("#lang-en").click();
            assertThat(page.locator("#area-summary")).hasText("14 subdivisions, 1,738 villages");
        }
    }
}
