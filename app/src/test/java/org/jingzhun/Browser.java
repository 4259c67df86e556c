package org.jingzhun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Headless Chromium for browser tests: Debian's {@code /usr/bin/chromium} when installed (CI installs it),
 * else the browser Playwright downloads for itself where the network allows.
 */
public final class Browser {

    private static final Path SYSTEM_CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    private static Browser shared;

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    /** The one browser of this test run, started at first use and closed when the JVM ends. */
    public static synchronized Browser shared() {
        if (shared == null) {
            shared = new Browser();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private Browser() {
        boolean system = Files.isExecutable(SYSTEM_CHROMIUM);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(system ? Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1") : Map.of()));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run"));
        if (system) {
            options.setExecutablePath(SYSTEM_CHROMIUM);
        }
        browser = playwright.chromium().launch(options);
        // Assertions wait on their condition; on a shared, loaded machine a page can take longer than Playwright's 5 s
        // default (a drill-down of the statistics missed it once while another build ran), so only a hang ends them.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(120_000);
    }

    /** A fresh browser profile (no cookies) that sends the given Accept-Language. */
    public BrowserContext newContext(String baseUrl, String acceptLanguage) {
        return browser.newContext(new NewContextOptions().setBaseURL(baseUrl).setLocale(acceptLanguage));
    }

    /** Signs in on the sign-in page of the context's server. */
    public static void signIn(com.microsoft.playwright.Page page, String login, String password) {
        page.navigate("/login");
        page.locator("#username").fill(login);
        page.locator("#password").fill(password);
        page.locator("#signin button[type=submit]").click();
    }

    private void close() {
        browser.close();
        playwright.close();
    }
}
