package org.jingzhun.statistics.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts;
import org.jingzhun.platform.Role;
import org.jingzhun.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In Chromium, an analyst of Hainan opens the statistics, drills down by clicking from the province to a
 * village of Haikou, checks a figure of the page against the API, and climbs back by the breadcrumbs; in
 * Chinese the page names its figures in Chinese. The households are committed (the server runs in another
 * thread) in Hainan, where no other test records anyone, and removed afterwards.
 * With {@code -Dscreenshots=docs/screenshots} it saves the county's dashboard as statistics.png there.
 */
@JingzhunTest
class StatisticsBrowserTest {

    private static final String PASSWORD = "Browser-Password-1";
    private static final String VILLAGE = "460105001001";
    private static final List<String> VILLAGES = List.of(VILLAGE, "460105001002", "460106001002", "460202198001");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Statistics statistics;
    @Autowired
    org.jingzhun.registry.HouseholdsWritten written;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void registry() {
        int person = 0;
        for (int v = 0; v < VILLAGES.size(); v++) {
            for (int h = 0; h < 3 + 2 * v; h++) {
                boolean poor = h % (v + 2) == 0;
                long id = jdbc.sql("""
                        insert into household (village_code, county_code, category, status, main_cause, registered_year)
                        values (:village, left(:village, 6), 'GENERAL', :status, :cause, :year) returning id""")
                        .param("village", VILLAGES.get(v)).param("status", poor ? "REGISTERED" : "NON_POOR")
                        .param("cause", poor ? (h % 2 == 0 ? "ILLNESS" : "LACK_OF_SKILLS") : null).param("year", poor ? 2014 : null)
                        .query(Long.class).single();
                for (int m = 0; m <= h % 4; m++) {
                    person++;
                    jdbc.sql("""
                            insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                            values (:id, :village, left(:village, 6), :name, :number, :relation, 'FEMALE', date '1970-02-02')""")
                            .param("id", id).param("village", VILLAGES.get(v)).param("name", "海南" + person)
                            .param("number", String.format("46010519700202%04d", person)).param("relation", m == 0 ? "HEAD" : "CHILD")
                            .update();
                }
                jdbc.sql("insert into household_income (household_id, county_code, year, amount) values (:id, left(:village, 6), 2013, :amount)")
                        .param("id", id).param("village", VILLAGES.get(v)).param("amount", poor ? 2000 + 100 * h : 6000 + 100 * h).update();
                written.recorded(new Long[] {id});
            }
        }
        refresh();
    }

    @AfterEach
    void removeRegistry() {
        written.changed(jdbc.sql("select id from household where village_code like '46%'").query(Long.class).list().toArray(Long[]::new));
        jdbc.sql("delete from person where county_code like '46%'").update();
        jdbc.sql("delete from household_income where household_id in (select id from household where village_code like '46%')").update();
        jdbc.sql("delete from member where village_code like '46%'").update();
        jdbc.sql("delete from household where village_code like '46%'").update();
        refresh();
    }

    @Test
    void anAnalystDrillsFromTheProvinceToAVillage() {
        String analyst = analyst("46");
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            page.setViewportSize(1280, 900);
            Browser.signIn(page, analyst, PASSWORD);
            page.locator("#nav-statistics").click();
            assertThat(page.locator("#area-name")).hasText("海南省");
            assertThat(page.locator("#chart-children canvas")).hasCount(1); // ECharts drew the children
            page.locator("#children a[href*='area=4601&']").click();
            assertThat(page.locator("#area-name")).hasText("海口市");
            page.locator("#children a[href*='area=460105&']").click();
            assertThat(page.locator("#area-name")).hasText("秀英区");
            String screenshots = System.getProperty("screenshots");
            if (screenshots != null) {
                page.locator("#chart-trend canvas").waitFor();
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(screenshots, "statistics.png")).setFullPage(true));
            }
            assertThat(page.locator("#chart-children canvas")).hasCount(1); // the page's script has run: its links stay
            page.locator("#children a[href*='area=460105001&']").click();
            assertThat(page.locator("#area-name")).hasText("秀英街道");
            // Sorting by poor people puts the village with more of them first (once the page's script has run).
            assertThat(page.locator("#chart-children canvas")).hasCount(1);
            page.locator("#children th[data-column=POOR_RESIDENTS]").click();
            assertThat(page.locator("#children tbody tr").first()).hasAttribute("data-area", "460105001002");
            page.locator("#children a[href*='area=" + VILLAGE + "&']").click();
            assertThat(page.locator("#area-name")).hasText("秀华社区居民委员会");

            String year = page.locator("#year option[selected]").getAttribute("value");
            JsonNode api = json.readTree(page.request().get("/api/v1/statistics?area=" + VILLAGE + "&year=" + year).text());
            long poorResidents = api.at("/indicators/poorResidents").asLong();
            assertThat(poorResidents).isPositive();
            assertThat(page.locator("[data-figure=POOR_RESIDENTS] .jz-figure")).hasText(Long.toString(poorResidents));
            assertThat(page.locator("[data-figure=RESIDENTS] .jz-figure"))
                    .hasText(Long.toString(api.at("/indicators/residents").asLong()));

            page.locator("#breadcrumbs a[data-area='4601']").click();
            assertThat(page.locator("#area-name")).hasText("海口市");
            assertThat(page.locator("#breadcrumbs a[data-area='']")).hasCount(0); // the nation is beyond the analyst's areas

            page.locator("#lang-zh").click();
            assertThat(page.locator("[data-figure=INCIDENCE] .small")).hasText("贫困发生率");
            page.navigate("/statistics?area=" + VILLAGE.substring(0, 6) + "02");
            assertThat(page.locator("h1")).not().containsText("海南"); // an unknown area is refused, not shown
        }
    }

    private void refresh() {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            statistics.refresh();
        } finally {
            TestCallers.signOut();
        }
    }

    private String analyst(String area) {
        String login = "analyst-" + UUID.randomUUID().toString().substring(0, 6);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            long id = accounts.create(new Accounts.UserForm(login, login, "en", true, Set.of(Role.ANALYST), Set.of(area)), PASSWORD).id();
            jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", id).update();
        } finally {
            TestCallers.signOut();
        }
        return login;
    }
}
