package org.jingzhun.area.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium on a phone's width, the area picker of a users' area field: a name offers the areas holding it with
 * their full paths (names repeat, so the path tells them apart), choosing puts the code in the field, the keyboard
 * chooses too, and a code can still be typed.
 */
@JingzhunTest
class AreaPickerBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aNameOffersTheAreasWithTheirPathsAndChoosingPutsTheirCodes() {
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "zh-CN")) {
            Page page = context.newPage();
            page.setViewportSize(390, 844);
            Browser.signIn(page, "admin", TestDataDirectory.ADMIN_PASSWORD);
            page.navigate("/users/new");
            Locator field = page.locator("#areaCodes");

            field.pressSequentially("五华");
            Locator wuhua = page.locator("[role=option][data-code='530102']");
            assertThat(wuhua).containsText("云南省 / 昆明市");
            assertThat(field).hasAttribute("aria-expanded", "true");
            wuhua.click();
            assertThat(field).hasValue("530102 ");
            assertThat(page.locator("[role=listbox]")).isHidden();

            field.pressSequentially("护国街道");
            Locator huguo = page.locator("[role=option][data-code='530102002']");
            assertThat(huguo).containsText("五华区");
            field.press("ArrowDown");
            assertThat(page.locator("[role=option][aria-selected=true]")).hasCount(1);
            String first = (String) page.locator("[role=option]").nth(0).getAttribute("data-code");
            field.press("Enter");
            assertThat(field).hasValue("530102 " + first + " ");

            field.pressSequentially("没有这样的地方");
            assertThat(page.locator("[role=listbox]")).hasAttribute("data-query", "没有这样的地方");
            assertThat(page.locator("[role=listbox]")).containsText("没有此名称或代码的区域");
            field.press("Escape");
            assertThat(page.locator("[role=listbox]")).isHidden();
        }
    }
}
