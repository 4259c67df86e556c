package org.jingzhun.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;

import org.jingzhun.Browser;
import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestDataDirectory;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Publicity;
import org.jingzhun.identification.ProvinceAverages;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.Stage;
import org.jingzhun.identification.VillageIdentification;
import org.jingzhun.identification.Step;
import org.jingzhun.identification.StepRequest;
import org.jingzhun.interchange.FileFormat;
import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.jingzhun.account.Accounts;
import org.jingzhun.account.internal.EndpointAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Visits every page the application serves, as found in its handler mappings (a new page is visited without being
 * named here), in Chromium, in English and in Chinese, and fails on what a user would see go wrong: an answer other
 * than 200, a page that does not finish loading, a message key or enum constant on the screen, an English word on a
 * Chinese page, and a document wider than the window at 1280 px or at 390 px (a wide table in its own scroll box is
 * fine), or a figure broken over two lines. Path variables and required parameters come from rich data made here, in Fumin (530124): households with
 * other causes, a round with households announced, rejected and in publicity with an objection, an import with a row
 * of each kind of refusal, and a village case in Ningxia; a path variable or required parameter of a kind not known
 * here fails the test, so that no page slips past.
 *
 * <p>It visits as the national administrator and as users of a county, a township and a province in the roles of
 * data entry, review, audit and analysis ({@link Visitor}); what each may not see comes from the endpoint rules, and
 * a refusal must be a 403 or 404 page that passes the same checks.
 */
@JingzhunTest
class EveryPageBrowserTest {

    static final String COUNTY = "530124";
    static final String TOWNSHIP = "530124001";
    static final String VILLAGE = "530124001001";
    static final String PASSWORD = "Visitor-Password-1";
    static final int YEAR = 2016;
    static final int WIDE = 1280;
    static final int PHONE = 390;
    /** With {@code -Djingzhun.screenshots=docs/screenshots}, the Chinese audit trail and phone menu are saved there. */
    static final String SCREENSHOTS = System.getProperty("jingzhun.screenshots", "");
    /** The height of a navigation bar of one row (56 px in Bootstrap), with room for a larger font. */
    static final int ONE_ROW = 72;
    /** Words a Chinese page may hold in Latin letters. */
    static final Set<String> LATIN_ALLOWED = Set.of("CSV", "XLSX", "ID", "API", "Jingzhun", "English", "PDF", "JPEG", "PNG",
            "UTF", "GB");
    /** Words of two letters or more: a single letter is a code (housing grade C, an ID number's check character X). */
    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z'’-]*[A-Za-z]");
    /**
     * The text a reader sees, without codes and data as typed: code, kbd, samp and pre hold codes and headers, and
     * {@code translate="no"} marks what people named themselves (file names), which no translation changes.
     */
    static final String VISIBLE_PROSE = """
            () => {
              const parts = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.closest('code, kbd, samp, pre, script, style, template, [translate=no]')) continue;
                if (!parent.checkVisibility()) continue;
                parts.push(node.textContent);
              }
              return parts.join(' ');
            }""";
    /** Resolves after two frames: the resize event and its handlers come with the frame after the resize. */
    static final String AFTER_LAYOUT = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))";
    /** The innermost elements that reach past the window's edge outside any scroll box, to say what to fix. */
    static final String PAST_THE_EDGE = """
            width => {
              const found = [];
              for (const e of document.querySelectorAll('body *')) {
                const r = e.getBoundingClientRect();
                if (r.right <= width + 1 || r.width === 0 || e.querySelector('*') && [...e.children].some(c => c.getBoundingClientRect().right > width + 1)) continue;
                let boxed = false;
                for (let p = e.parentElement; p; p = p.parentElement) {
                  const x = getComputedStyle(p).overflowX;
                  if (x === 'auto' || x === 'scroll' || x === 'hidden') { boxed = true; break; }
                }
                if (!boxed) found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                    + ' to ' + Math.round(r.right));
              }
              return found.slice(0, 4).join('; ');
            }""";
    /**
     * The figures in a table's right-aligned cells that break over two lines ("100" above "%"), a cell of buttons
     * aside: a figure is read at a glance or not at all.
     */
    static final String BROKEN_FIGURES = """
            () => {
              const found = [];
              for (const cell of document.querySelectorAll('td.text-end')) {
                if (!cell.checkVisibility() || cell.querySelector('form, button, input, select, .btn')) continue;
                const range = document.createRange();
                range.selectNodeContents(cell);
                const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
                if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > parseFloat(getComputedStyle(cell).fontSize) * 0.8)
                  found.push('“' + cell.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30) + '”');
              }
              return found.slice(0, 4).join(', ');
            }""";
    /** A key Thymeleaf could not find ("??key_zh_CN??") or an enum constant (LACK_OF_SKILLS, FIRST_PUBLICITY). */
    static final Pattern RAW_WORD = Pattern.compile("\\?\\?[^?\\s]+\\?\\?|\\b[A-Z]{2,}(?:_[A-Z0-9]+)+\\b");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Households households;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Publicity publicity;
    @Autowired
    HouseholdImports imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.jingzhun.TestClock clock;
    @Autowired
    VillageIdentification villageIdentification;

    @Autowired
    EndpointAccess access;
    @Autowired
    Accounts accounts;

    /** The samples and pages, made once for every role. */
    private static Map<String, String> samples;
    private static List<String> urls;

    /** What a visit found wrong, by page. */
    private final Map<String, List<String>> problems = new TreeMap<>();

    /** The roles the users held, each bound where such a user works, plus the national administrator. */
    enum Visitor {
        NATIONAL_ADMINISTRATOR(EnumSet.allOf(Role.class), ""),
        COUNTY_CLERK(EnumSet.of(Role.DATA_ENTRY), COUNTY),
        TOWNSHIP_OPERATOR(EnumSet.of(Role.DATA_ENTRY), TOWNSHIP),
        COUNTY_REVIEWER(EnumSet.of(Role.REVIEWER), COUNTY),
        COUNTY_AUDITOR(EnumSet.of(Role.AUDITOR), COUNTY),
        PROVINCE_ANALYST(EnumSet.of(Role.ANALYST), "53");

        final Set<Role> roles;
        final String area;

        Visitor(Set<Role> roles, String area) {
            this.roles = roles;
            this.area = area;
        }
    }

    @ParameterizedTest
    @EnumSource(Visitor.class)
    void everyPageWorksInBothLanguages(Visitor visitor) throws IOException {
        long started = System.nanoTime();
        prepare();
        String login = visitor == Visitor.NATIONAL_ADMINISTRATOR ? "admin" : user(visitor);
        String password = visitor == Visitor.NATIONAL_ADMINISTRATOR ? TestDataDirectory.ADMIN_PASSWORD : PASSWORD;
        Set<String> latinData = latinData();
        int visits = 0;
        int refused = 0;
        for (String language : List.of("en", "zh_CN")) {
            try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port,
                    language.equals("en") ? "en-US" : "zh-CN")) {
                Page page = context.newPage();
                page.setDefaultTimeout(15_000);
                Browser.signIn(page, login, password);
                if (visitor == Visitor.NATIONAL_ADMINISTRATOR && language.equals("en")) {
                    startADemonstrationRun(page);
                }
                page.navigate("/?lang=" + language);
                for (String url : urls) {
                    if (visit(page, url, language.equals("zh_CN"), latinData, visitor.roles)) {
                        refused++;
                    }
                    visits++;
                    if (!SCREENSHOTS.isEmpty() && visitor == Visitor.NATIONAL_ADMINISTRATOR && language.equals("zh_CN")
                            && url.startsWith("/audit")) {
                        page.setViewportSize(WIDE, 900);
                        page.navigate("/audit?entity=household");
                        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of(SCREENSHOTS, "audit-zh.png")));
                    }
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("EveryPageBrowserTest: %s: %d pages, %d visits (en and zh_CN, %d and %d px), %d refused as expected,"
                + " in %d s%n", visitor, urls.size(), visits, WIDE, PHONE, refused, took.toSeconds());
        assertThat(problems).as("pages with problems for " + visitor).isEmpty();
    }

    private synchronized void prepare() throws IOException {
        if (samples == null) {
            samples = samples();
            urls = pages(samples);
        }
    }

    /** A user of the visitor's roles and area, who signs in with {@link #PASSWORD} without changing it. */
    private String user(Visitor visitor) {
        String login = visitor.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            long id = accounts.create(new Accounts.UserForm(login, login, "en", true, visitor.roles, Set.of(visitor.area)),
                    PASSWORD).id();
            jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", id).update();
        } finally {
            TestCallers.signOut();
        }
        return login;
    }

    /** In a phone's window, the menu opens, its groups open, and nothing is wider than the window, in both languages. */
    @Test
    void theMenusOpenOnAPhone() {
        for (String language : List.of("en", "zh_CN")) {
            try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port,
                    language.equals("en") ? "en-US" : "zh-CN")) {
                Page page = context.newPage();
                page.setViewportSize(PHONE, 800);
                page.setDefaultTimeout(10_000);
                Browser.signIn(page, "admin", TestDataDirectory.ADMIN_PASSWORD);
                page.navigate("/?lang=" + language);
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#nav-households")).isHidden();
                page.locator("#nav-toggle").click();
                page.locator("#jz-nav.show").waitFor(); // the menu has finished unfolding
                page.locator("#menu-registry > a").click();
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#nav-households")).isVisible();
                page.locator("#menu-administration > a").click();
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#nav-audit")).isVisible();
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(language)
                        .isLessThanOrEqualTo(PHONE);
                if (!SCREENSHOTS.isEmpty() && language.equals("zh_CN")) {
                    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of(SCREENSHOTS, "menu-phone-zh.png")));
                }
                page.locator("#nav-audit").click();
                page.waitForURL(Pattern.compile(".*/audit$"));
            }
        }
    }

    /** With {@link #SCREENSHOTS} set, the README's pictures of the reference pages, in the new layout. */
    @Test
    void theReadmePicturesOfReferencePages() {
        org.junit.jupiter.api.Assumptions.assumeFalse(SCREENSHOTS.isEmpty(), "no -Djingzhun.screenshots");
        try (BrowserContext context = Browser.shared().newContext("http://localhost:" + port, "en-US")) {
            Page page = context.newPage();
            shoot(page, "/areas?lang=en", 900, "area-browser.png");
            shoot(page, "/areas?lang=zh_CN", 900, "area-browser-zh.png");
            shoot(page, "/login?lang=zh_CN", 560, "sign-in-zh.png");
            page.navigate("/?lang=en");
            Browser.signIn(page, "admin", TestDataDirectory.ADMIN_PASSWORD); // counties and lines are for users
            shoot(page, "/counties?area=53&lang=en", 800, "counties.png");
            shoot(page, "/poverty-lines?lang=en", 760, "poverty-lines.png");
        }
    }

    private static void shoot(Page page, String url, int height, String name) {
        page.setViewportSize(WIDE, height);
        page.navigate(url);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of(SCREENSHOTS, name)));
    }

    /** A run of demonstration data for a province that does not exist: it stops at once, and its pages show it. */
    private static void startADemonstrationRun(Page page) {
        page.navigate("/demonstration");
        page.locator("#province").fill("99");
        page.locator("#generate").click();
    }

    /**
     * Visits the page and notes what is wrong; true when the page was refused as its endpoint rule says it must be.
     * A page the rule allows may still be refused by its feature (403 or 404: the sample lies outside the visitor's
     * areas, or the action needs a national user); a page the rule refuses must not answer 200.
     */
    private boolean visit(Page page, String url, boolean chinese, Set<String> latinData, Set<Role> roles) {
        String where = (chinese ? "zh " : "en ") + url;
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        EndpointAccess.Rule rule = access.ruleFor(new MockHttpServletRequest("GET", path)).orElseThrow();
        boolean allowed = rule.open() || rule.roles().isEmpty() || rule.roles().stream().anyMatch(roles::contains);
        page.setViewportSize(WIDE, 900);
        Response response;
        try {
            response = page.navigate(url);
        } catch (PlaywrightException e) {
            problem(where, "did not finish loading: " + e.getMessage().lines().findFirst().orElse(""));
            return false;
        }
        int status = response == null ? 0 : response.status();
        boolean refusedAsRuled = !allowed && (status == 403 || status == 404);
        if (allowed ? status != 200 && status != 403 && status != 404 : !refusedAsRuled) {
            problem(where, "answered " + (response == null ? "nothing" : status) + (allowed ? "" : ", but its rule refuses "
                    + roles));
            return false;
        }
        String text = (String) page.evaluate("document.body.innerText");
        Matcher raw = RAW_WORD.matcher(text);
        Set<String> rawWords = new TreeSet<>();
        while (raw.find()) {
            rawWords.add(raw.group());
        }
        if (!rawWords.isEmpty()) {
            problem(where, "shows raw words " + rawWords);
        }
        if (chinese) {
            String prose = (String) page.evaluate(VISIBLE_PROSE);
            Matcher latin = LATIN_WORD.matcher(prose);
            Set<String> english = new TreeSet<>();
            while (latin.find()) {
                String word = latin.group();
                if (!LATIN_ALLOWED.contains(word) && !LATIN_ALLOWED.contains(word.toUpperCase(Locale.ROOT))
                        && !latinData.contains(word)) {
                    english.add(word + " in “" + prose.substring(Math.max(0, latin.start() - 15),
                            Math.min(prose.length(), latin.end() + 15)).replaceAll("\\s+", " ") + "”");
                }
            }
            if (!english.isEmpty()) {
                problem(where, "shows English words " + english);
            }
        }
        for (int width : List.of(WIDE, PHONE)) {
            page.setViewportSize(width, 900);
            page.evaluate(AFTER_LAYOUT); // the page's own resize handlers (charts) have run
            Number wide = (Number) page.evaluate("document.documentElement.scrollWidth");
            Number navigation = (Number) page.evaluate("document.querySelector('nav.navbar')?.getBoundingClientRect().height ?? 0");
            if (width == WIDE && navigation.intValue() > ONE_ROW) {
                problem(where, "has a navigation " + navigation + " px tall at " + width + " px: it wraps");
            }
            if (wide.intValue() > width) {
                problem(where, "is " + wide + " px wide at " + width + " px, past the edge: " + page.evaluate(PAST_THE_EDGE, width));
            }
            String broken = (String) page.evaluate(BROKEN_FIGURES);
            if (!broken.isEmpty()) {
                problem(where, "breaks figures over two lines at " + width + " px: " + broken);
            }
        }
        return refusedAsRuled;
    }

    private void problem(String where, String what) {
        problems.computeIfAbsent(where, w -> new ArrayList<>()).add(what);
    }

    /**
     * The URL of every page: each GET mapping that renders a view (not the API, nor downloads), its path variables
     * and required parameters filled from the samples by the segment before them or by their name.
     */
    private List<String> pages(Map<String, String> samples) {
        Set<String> urls = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET) || !rendersAPage(handler)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api") || pattern.startsWith("/error")) {
                    continue;
                }
                String path = pattern;
                Matcher variable = Pattern.compile("([^/]+)/\\{(\\w+)}").matcher(pattern);
                while (variable.find()) {
                    String value = samples.get(variable.group(1) + "/{}");
                    if (value == null) {
                        unknown.add(pattern + ": path variable after " + variable.group(1));
                    } else {
                        path = path.replace("{" + variable.group(2) + "}", value);
                    }
                }
                List<String> query = new ArrayList<>();
                for (MethodParameter parameter : handler.getMethodParameters()) {
                    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                    if (param == null) {
                        continue;
                    }
                    String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameterName();
                    boolean required = param.required() && param.defaultValue().equals(ValueConstants.DEFAULT_NONE)
                            && parameter.getParameterType() != Optional.class;
                    String value = samples.get(pattern + "?" + name);
                    if (value == null) {
                        value = samples.get("?" + name);
                    }
                    if (value != null && (required || ENRICHING.contains(name))) {
                        query.add(name + "=" + value);
                    } else if (required) {
                        unknown.add(pattern + ": required parameter " + name);
                    }
                }
                urls.add(query.isEmpty() ? path : path + "?" + String.join("&", query));
            }
        }
        assertThat(unknown).as("path variables or parameters with no sample: add one to samples()").isEmpty();
        assertThat(urls).as("pages found").hasSizeGreaterThan(20);
        return List.copyOf(urls);
    }

    /** Optional parameters given where a page takes them, so that it shows data rather than an empty form. */
    private static final Set<String> ENRICHING = Set.of("area", "year");

    private static boolean rendersAPage(HandlerMethod handler) {
        Method method = handler.getMethod();
        return method.getReturnType() == String.class
                && !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                && !AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class);
    }

    /** Words in Latin letters that people typed as data: logins and names of users, logins in the audit trail. */
    private Set<String> latinData() {
        Set<String> words = new TreeSet<>();
        for (String text : jdbc.sql("select login || ' ' || name from app_user union select distinct actor_login from audit_event")
                .query(String.class).list()) {
            Matcher latin = LATIN_WORD.matcher(text);
            while (latin.find()) {
                words.add(latin.group());
            }
        }
        return words;
    }

    /**
     * A village of Ningxia applied for in 2015 by exception (no province or year that other tests assess): the
     * province's averages entered, its villages assessed, then the application.
     */
    private long villageCase() {
        TestCallers.signIn(TestCallers.of("ningxia-pages", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), "64"));
        villageIdentification.setAverages(new ProvinceAverages("64", 2015, ProvinceAverages.Method.ENTERED,
                new BigDecimal("0.2"), new BigDecimal("5000")));
        villageIdentification.assess("64", 2015);
        TestCallers.signIn(TestCallers.of("xigang-pages", EnumSet.of(Role.DATA_ENTRY), "640122001"));
        villageIdentification.apply(List.of("640122001001"), 2015, "乡镇申请：道路被洪水冲断", "村民代表会议提出");
        return villageIdentification.cases("640122001", 2015, Stage.APPLIED).getFirst().id();
    }

    /** A household of three in the village, poor by illness with these other causes, 2,100 yuan a head in the year. */
    private Household household(String category, List<String> otherCauses) {
        List<HouseholdForm.MemberForm> people = new ArrayList<>();
        for (String relation : List.of("HEAD", "SPOUSE", "CHILD")) {
            String idNumber = TestPeople.newIdNumber(jdbc, COUNTY, !relation.equals("SPOUSE"));
            people.add(new HouseholdForm.MemberForm("富民" + idNumber.substring(14), idNumber, relation, null, null, "彝族",
                    "PRIMARY", null, "CHRONIC_ILLNESS", null, "FULL", null, null, null));
        }
        return households.create(new HouseholdForm(VILLAGE, "第一组", "城南路 1 号", "13800000000", category, "ILLNESS",
                otherCauses, "C", false, "种植玉米", "6222000011113333", YEAR, Map.of(YEAR, new BigDecimal("2100.00")), people),
                "建档立卡");
    }

    private void step(Caller caller, Step step, List<Long> applications, Boolean approved, String note) {
        TestCallers.signIn(caller);
        StepRequest.Appraisal appraisal = step == Step.APPRAISE
                ? new StepRequest.Appraisal(LocalDate.now(clock), 21, approved ? 18 : 3, approved ? 3 : 18) : null;
        identification.step(new StepRequest(step, applications, approved, null, note, null, appraisal, null));
    }

    /** Rich data in Fumin, committed: a page must show it in both languages. */
    private Map<String, String> samples() throws IOException {
        Caller clerk = TestCallers.of("fumin-clerk", EnumSet.of(Role.DATA_ENTRY), COUNTY);
        Caller villageClerk = TestCallers.of("chengnan-clerk", EnumSet.of(Role.DATA_ENTRY), VILLAGE);
        Caller reviewer = TestCallers.of("fumin-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);
        Caller townshipReviewer = TestCallers.of("yongding-reviewer", EnumSet.of(Role.REVIEWER), TOWNSHIP);
        Map<String, String> samples = new LinkedHashMap<>();
        try {
            TestCallers.signIn(clerk);
            Household household = household("DIBAO", List.of("LACK_OF_SKILLS", "LACK_OF_FUNDS"));
            Household announced = household("GENERAL", List.of("LACK_OF_LABOUR"));
            Household rejected = household("WUBAO", List.of());

            // One round with a household at each end of the procedure: announced, rejected, and one in publicity.
            TestCallers.signIn(reviewer);
            Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));
            TestCallers.signIn(villageClerk);
            identification.apply(round.id(), List.of(household.id(), announced.id(), rejected.id()),
                    Application.Proposer.HOUSEHOLD, "本户申请");
            Map<Long, Long> applicationOf = new LinkedHashMap<>();
            identification.applications(new HouseholdIdentification.Query(round.id(), VILLAGE, null, 0, 5)).applications()
                    .forEach(a -> applicationOf.put(a.householdId(), a.id()));
            long application = applicationOf.get(household.id());
            long toAnnounce = applicationOf.get(announced.id());
            step(villageClerk, Step.APPRAISE, List.of(application, toAnnounce), true, null);
            step(villageClerk, Step.APPRAISE, List.of(applicationOf.get(rejected.id())), false, "评议未通过：家有稳定收入");
            step(villageClerk, Step.VERIFY, List.of(application, toAnnounce), true, null);
            step(villageClerk, Step.FIRST_PUBLICITY, List.of(toAnnounce), null, null);
            try {
                clock.advanceDays(7);
                step(townshipReviewer, Step.TOWNSHIP_REVIEW, List.of(toAnnounce), true, null);
                step(villageClerk, Step.SECOND_PUBLICITY, List.of(toAnnounce), null, null);
                clock.advanceDays(7);
                step(reviewer, Step.COUNTY_APPROVAL, List.of(toAnnounce), true, null);
                step(reviewer, Step.ANNOUNCE, List.of(toAnnounce), null, null);
            } finally {
                clock.reset();
            }
            step(villageClerk, Step.FIRST_PUBLICITY, List.of(application), null, null);
            publicity.object(Procedure.HOUSEHOLD, application, new Objection.Form("家有轿车一辆", "张某", "13900000000"), null);

            TestCallers.signIn(clerk);
            // An import with a row of each kind of refusal, and one household that enters.
            String good = TestPeople.newIdNumber(jdbc, COUNTY, true);
            String wrongCheck = TestPeople.newIdNumber(jdbc, COUNTY, true);
            wrongCheck = wrongCheck.substring(0, 17) + (wrongCheck.charAt(17) == '1' ? '2' : '1');
            String registered = household.members().getFirst().idNumber();
            String rows = String.join("\n",
                    "household,villageCode,category,mainCause,otherCauses,safeWater,incomeYear,income,name,idNumber,relation,"
                            + "sex,birthDate,health,disabilityGrade",
                    "H1," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,赵一," + good + ",HEAD,,,HEALTHY,",
                    "H2," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,钱二," + wrongCheck + ",HEAD,,,HEALTHY,",
                    "H3,530102001001,GENERAL,ILLNESS,,true,2016,2000,孙三," + TestPeople.newIdNumber(jdbc, COUNTY, true) + ",HEAD,,,HEALTHY,",
                    "H4,530124999999,GENERAL,ILLNESS,,true,2016,2000,李四," + TestPeople.newIdNumber(jdbc, COUNTY, true) + ",HEAD,,,HEALTHY,",
                    "H5," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,周五," + TestPeople.newIdNumber(jdbc, COUNTY, true) + ",HEAD,,,HEALTHY,",
                    "H5,,,,,,,,吴六," + TestPeople.newIdNumber(jdbc, COUNTY, false) + ",HEAD,,,HEALTHY,",
                    "H6," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,郑七," + good + ",HEAD,,,HEALTHY,",
                    "H7," + VILLAGE + ",GENERAL,原因不详,,true,2016,2000,王八," + TestPeople.newIdNumber(jdbc, COUNTY, true) + ",HEAD,,,HEALTHY,",
                    "H8," + VILLAGE + ",GENERAL",
                    "H9," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,冯九," + registered + ",HEAD,,,HEALTHY,",
                    "H10," + VILLAGE + ",GENERAL,ILLNESS,,true,2016,2000,陈十," + TestPeople.newIdNumber(jdbc, COUNTY, true)
                            + ",HEAD,,1980-13-45,HEALTHY,") + "\n";
            ImportJob job = imports.start("退回.csv", new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
                    ImportJob.Mode.VALID_ROWS, "AUTO");
            // Its report, refused rows included, is what the pages must show: wait until the job has made it.
            while (!imports.get(job.id()).status().finished()) {
                Thread.onSpinWait();
            }

            samples.put("households/{}", Long.toString(household.id()));
            samples.put("rounds/{}", Long.toString(round.id()));
            samples.put("applications/{}", Long.toString(application));
            samples.put("cases/{}", Long.toString(application)); // the procedure HOUSEHOLD's case of the application
            samples.put("?village", VILLAGE);
            samples.put("imports/{}", Long.toString(job.id()));
            samples.put("jobs/{}", Long.toString(job.id())); // the import is a job of the same id
            samples.put("areas/{}", COUNTY);
            samples.put("counties/{}", COUNTY);
            samples.put("users/{}", jdbc.sql("select id from app_user where login = 'admin'").query(Long.class).single().toString());
            samples.put("village-cases/{}", Long.toString(villageCase()));
            samples.put("?area", COUNTY);
            samples.put("?year", Integer.toString(YEAR));
            samples.put("?procedure", "HOUSEHOLD");
            samples.put("?subject", Long.toString(application));
            samples.put("?q", "富民");
        } finally {
            TestCallers.signOut();
        }
        return samples;
    }
}
