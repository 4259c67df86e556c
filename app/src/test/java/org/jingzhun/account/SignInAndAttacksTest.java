package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.TestDataDirectory;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.json.JsonMapper;

/** Signing in, tokens and the attacks of the issue: each refused cleanly, nothing changed, the attempt visible. */
@JingzhunTest
@ExtendWith(OutputCaptureExtension.class)
class SignInAndAttacksTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theFirstAdministratorSignsInAndGetsTheNationalView() {
        MvcTestResult signedIn = signIn("admin", TestDataDirectory.ADMIN_PASSWORD);
        assertThat(signedIn).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/api/v1/account").session(session(signedIn))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.areas", v -> v.assertThat().asArray().containsExactly(""))
                .hasPathSatisfying("$.roles.length()", v -> v.assertThat().isEqualTo(5));
    }

    @Test
    void aWrongPasswordIsRefusedAndLogged(CapturedOutput output) {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        assertThat(signIn(user.login(), "not-the-password")).hasRedirectedUrl("/login?error");
        assertThat(output).contains("Failed sign-in for '" + user.login() + "'");
        assertThat(jdbc.sql("select failed_logins from app_user where id = :id").param("id", user.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    /** Five in a row from one address still refuse that address (MockMvc's 127.0.0.1) for a while. */
    @Test
    void fiveFailuresInARowLockTheAccountForAWhile() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user.login(), "wrong-" + i)).hasRedirectedUrl("/login?error");
        }
        assertThat(signIn(user.login(), TestUsers.PASSWORD)).hasRedirectedUrl("/login?error");
    }

    @Test
    void aDisabledUserCannotSignInNorUseItsTokens() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        String token = issueToken(user.login(), TestUsers.PASSWORD);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            accounts.update(user.id(), new Accounts.UserForm(user.login(), user.name(), "en", false, user.roles(),
                    Set.copyOf(user.areas())), "left the office");
        } finally {
            TestCallers.signOut();
        }
        assertThat(signIn(user.login(), TestUsers.PASSWORD)).hasRedirectedUrl("/login?error");
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer " + token)).hasStatus(401);
    }

    @Test
    void anAdministratorsChangesReachSessionsAlreadyOpen() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.AUDITOR, Role.ANALYST), "53");
        MockHttpSession session = session(signIn(user.login(), TestUsers.PASSWORD));
        assertThat(mvc.get().uri("/users").session(session)).hasStatusOk();

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            accounts.update(user.id(), new Accounts.UserForm(user.login(), user.name(), "en", true, Set.of(Role.ANALYST),
                    Set.copyOf(user.areas())), "no longer audits");
        } finally {
            TestCallers.signOut();
        }
        assertThat(mvc.get().uri("/users").session(session)).hasStatus(403);
        assertThat(mvc.get().uri("/counties").session(session)).hasStatusOk();

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            accounts.update(user.id(), new Accounts.UserForm(user.login(), user.name(), "en", false, Set.of(Role.ANALYST),
                    Set.copyOf(user.areas())), "left the office");
        } finally {
            TestCallers.signOut();
        }
        assertThat(mvc.get().uri("/counties").session(session)).hasRedirectedUrl("/login");
    }

    @Test
    void signingInGivesANewSessionId() throws Exception {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String before = sessionCookie(page);
        java.util.regex.Matcher csrfToken = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrfToken.find()).isTrue();
        String form = "username=" + user.login() + "&password=" + TestUsers.PASSWORD + "&_csrf=" + csrfToken.group(1);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Cookie", before).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(sessionCookie(signedIn)).startsWith("JSESSIONID=").isNotEqualTo(before);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
    }

    @Test
    void anExpiredSessionLeadsBackToTheSignInPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/counties"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aForgedOrMissingCsrfTokenIsRefusedAndChangesNothing() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        MockHttpSession session = session(signIn(user.login(), TestUsers.PASSWORD));
        assertThat(mvc.post().uri("/account/language").session(session).with(csrf().useInvalidToken()).param("language", "zh_CN"))
                .hasStatus(403);
        assertThat(mvc.post().uri("/account/language").session(session).param("language", "zh_CN")).hasStatus(403);
        assertThat(language(user)).isEqualTo("en");
        assertThat(mvc.post().uri("/account/language").session(session).with(csrf()).param("language", "zh_CN"))
                .hasStatus3xxRedirection();
        assertThat(language(user)).isEqualTo("zh_CN");
    }

    @Test
    void aTokenWorksUntilRevokedAndIsStoredOnlyAsAHash() throws Exception {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        String token = issueToken(user.login(), TestUsers.PASSWORD);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = :t or prefix = :t").param("t", token)
                .query(Integer.class).single()).isZero();
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = :h").param("h", sha256)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer " + token)).hasStatusOk()
                .bodyJson().extractingPath("$.login").isEqualTo(user.login());
        long id = json.readTree(mvc.get().uri("/api/v1/account/tokens").header("Authorization", "Bearer " + token)
                .exchange().getResponse().getContentAsString()).get(0).get("id").asLong();
        assertThat(mvc.delete().uri("/api/v1/account/tokens/" + id).header("Authorization", "Bearer " + token)).hasStatus(204);
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer " + token)).hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer jz_made-up")).hasStatus(401);
        assertThat(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + user.login() + "\", \"password\": \"wrong\"}")).hasStatus(400);
    }

    @Test
    void theTokenEndpointCountsAndLogsWrongPasswordsLikeTheSignInForm(CapturedOutput output) {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        for (int i = 0; i < 5; i++) {
            assertThat(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"login\": \"" + user.login() + "\", \"password\": \"guess-" + i + "\"}")).hasStatus(400);
        }
        assertThat(output).contains("Failed sign-in for '" + user.login() + "'");
        // Changed with issue 11, item 12: a refusal for too many failures is a 429 that says how long to wait,
        // no longer the 400 of a wrong password (it checks no password).
        assertThat(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + user.login() + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}"))
                .as("refused at this address after five failures").hasStatus(429);
    }

    @Test
    void anAttackerElsewhereCannotLockTheUserOut() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user.login(), "wrong-" + i, "198.51.100.21")).hasRedirectedUrl("/login?error");
        }
        // The attacker's address is refused even with the right password, and told to wait.
        MvcTestResult refused = signIn(user.login(), TestUsers.PASSWORD, "198.51.100.21");
        assertThat(refused).hasRedirectedUrl("/login?error");
        assertThat(mvc.get().uri("/login?error").session(session(refused))).hasStatusOk().bodyText()
                .contains("id=\"signin-wait\"").doesNotContain("id=\"signin-error\"");
        // The user at another address signs in.
        assertThat(signIn(user.login(), TestUsers.PASSWORD, "203.0.113.21")).hasRedirectedUrl("/");
    }

    @Test
    void fiftyAddressesTryingFivePasswordsEachGetTenGuessesThenWaitLongerEachTime() {
        clock.stop(); // the waits below run out only when the test moves the clock
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        String home = "203.0.113.50";
        assertThat(signIn(user.login(), TestUsers.PASSWORD, home)).hasRedirectedUrl("/");
        for (int address = 1; address <= 50; address++) {
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(user.login(), "guess-" + address + "-" + i, "198.51.100." + address))
                        .hasRedirectedUrl("/login?error");
            }
        }
        assertThat(guesses(user)).as("passwords checked of 250 tries").isEqualTo(10);
        // The slowdown holds at every address the user never signed in from, the right password included...
        assertThat(signIn(user.login(), TestUsers.PASSWORD, "192.0.2.50")).hasRedirectedUrl("/login?error");
        // ...and not at the user's own: the attack cannot lock the user out there.
        assertThat(signIn(user.login(), TestUsers.PASSWORD, home)).hasRedirectedUrl("/");

        // A minute after the last failure one more guess, then two minutes, then four.
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(signIn(user.login(), "late-1", "198.51.100.200")).hasRedirectedUrl("/login?error");
        assertThat(signIn(user.login(), "late-2", "198.51.100.201")).hasRedirectedUrl("/login?error");
        assertThat(guesses(user)).isEqualTo(11);
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(signIn(user.login(), "late-3", "198.51.100.202")).hasRedirectedUrl("/login?error");
        assertThat(guesses(user)).as("the second wait is two minutes").isEqualTo(11);
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(signIn(user.login(), "late-4", "198.51.100.203")).hasRedirectedUrl("/login?error");
        assertThat(guesses(user)).isEqualTo(12);
        // Through the token API the same: refused with the wait (429), no password checked.
        assertThat(mvc.post().uri("/api/v1/auth/tokens").with(from("198.51.100.204")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + user.login() + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}"))
                .hasStatus(429);
        assertThat(guesses(user)).isEqualTo(12);
        // After the longest wait a user at a new address is let in.
        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(signIn(user.login(), TestUsers.PASSWORD, "192.0.2.50")).hasRedirectedUrl("/");
    }

    @Test
    void theTokenApiLogsTheAddressAndAForgedForwardedForIsIgnored(CapturedOutput output) {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        assertThat(mvc.post().uri("/api/v1/auth/tokens").with(from("192.0.2.77")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + user.login() + "\", \"password\": \"wrong\"}")).hasStatus(400);
        assertThat(output).contains("Failed sign-in for '" + user.login() + "' from 192.0.2.77:");
        // No proxy is trusted here: the header is the client's own writing and changes nothing.
        assertThat(mvc.post().uri("/login").with(csrf()).with(from("192.0.2.78")).header("X-Forwarded-For", "198.51.100.78")
                .param("username", user.login()).param("password", "wrong")).hasRedirectedUrl("/login?error");
        assertThat(output).contains("Failed sign-in for '" + user.login() + "' from 192.0.2.78:")
                .doesNotContain("from 198.51.100.78");
    }

    private int guesses(UserAccount user) {
        return jdbc.sql("select count(*) from sign_in_failure where login = :login").param("login", user.login())
                .query(Integer.class).single();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private MvcTestResult signIn(String login, String password, String address) {
        return mvc.post().uri("/login").with(csrf()).with(from(address)).param("username", login).param("password", password)
                .exchange();
    }

    @Test
    void aTokenCannotMintTokens() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        String token = issueToken(user.login(), TestUsers.PASSWORD);
        assertThat(mvc.post().uri("/api/v1/account/tokens").header("Authorization", "Bearer " + token)).hasStatus(403);
    }

    @Test
    void anAdministratorCannotTakeOverAUserHoldingRolesItLacks() {
        UserAccount reviewer = TestUsers.create(accounts, jdbc, Set.of(Role.ADMINISTRATOR, Role.REVIEWER), "530102");
        UserAccount countyAdmin = TestUsers.create(accounts, jdbc, Set.of(Role.ADMINISTRATOR), "530102");
        var asCountyAdmin = TestCallers.as(new Caller(countyAdmin.id(), countyAdmin.login(), Set.of(Role.ADMINISTRATOR), Set.of("530102")));
        assertThat(mvc.post().uri("/api/v1/users/" + reviewer.id() + "/password").with(asCountyAdmin).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"password\": \"Taken-Over-Password-1\"}")).hasStatus(403);
        assertThat(mvc.put().uri("/api/v1/users/" + reviewer.id()).with(asCountyAdmin).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"language\": \"en\", \"enabled\": false, \"roles\": [\"ADMINISTRATOR\"], \"areas\": [\"530102\"]}"))
                .hasStatus(403);
        assertThat(signIn(reviewer.login(), TestUsers.PASSWORD)).hasRedirectedUrl("/");
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsAndResetRevokesTokens() {
        UserAccount user = TestUsers.create(accounts, jdbc, Set.of(Role.ANALYST), "53");
        MockHttpSession mine = session(signIn(user.login(), TestUsers.PASSWORD));
        MockHttpSession thief = session(signIn(user.login(), TestUsers.PASSWORD));
        String token = issueToken(user.login(), TestUsers.PASSWORD);
        assertThat(mvc.post().uri("/account/password").session(mine).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "Brand-New-Password-7"))
                .hasRedirectedUrl("/account");
        assertThat(mvc.get().uri("/counties").session(mine)).hasStatusOk();
        assertThat(mvc.get().uri("/counties").session(thief)).hasRedirectedUrl("/login");

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            accounts.resetPassword(user.id(), "Reset-By-Admin-3");
        } finally {
            TestCallers.signOut();
        }
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer " + token)).hasStatus(401);
    }

    @Test
    void aGivenPasswordMustBeChangedBeforeAnythingElse() {
        UserAccount user = TestUsers.createFresh(accounts, Set.of(Role.ANALYST), "53");
        MockHttpSession session = session(signIn(user.login(), TestUsers.PASSWORD));
        assertThat(mvc.get().uri("/counties").session(session)).hasRedirectedUrl("/account/password");
        assertThat(mvc.get().uri("/api/v1/account/tokens").session(session)).hasStatus(403);
        assertThat(mvc.post().uri("/account/password").session(session).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "short")).hasStatusOk()
                .bodyText().contains("is-invalid");
        assertThat(mvc.post().uri("/account/password").session(session).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "My-Own-Password-9"))
                .hasRedirectedUrl("/account");
        assertThat(mvc.get().uri("/counties").session(session)).hasStatusOk();
        assertThat(signIn(user.login(), "My-Own-Password-9")).hasRedirectedUrl("/");
    }

    @Test
    void scriptInAUsersNameIsShownAsText() {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        UserAccount user;
        try {
            user = accounts.create(new Accounts.UserForm("scripted" + System.nanoTime() % 100000, "<script>alert('x')</script>",
                    "en", true, Set.of(Role.ANALYST), Set.of("53")), TestUsers.PASSWORD);
        } finally {
            TestCallers.signOut();
        }
        assertThat(mvc.get().uri("/users").param("q", "script").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR)))
                .hasStatusOk().bodyText().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(mvc.get().uri("/users/" + user.id()).with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR)))
                .hasStatusOk().bodyText().doesNotContain("<script>alert");
    }

    @Test
    void sqlMetacharactersInSearchFieldsAreJustText() {
        int users = count("app_user");
        int audit = count("audit_event");
        var admin = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);
        for (String evil : List.of("' or '1'='1", "'; drop table app_user; --", "%", "_", "\\", "\") or 1=1 --")) {
            for (String uri : List.of("/users?q=", "/api/v1/users?q=", "/api/v1/audit?user=", "/api/v1/audit?entity=",
                    "/api/v1/audit?entityId=", "/audit?user=", "/api/v1/areas/search?q=", "/areas/search?q=",
                    "/api/v1/counties?area=", "/api/v1/audit?area=")) {
                int status = mvc.get().uri(uri + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8))
                        .with(admin).exchange().getResponse().getStatus();
                assertThat(status).as(uri + evil).isIn(200, 400);
            }
        }
        assertThat(count("app_user")).isEqualTo(users);
        assertThat(count("audit_event")).isEqualTo(audit);
    }

    @Test
    void aUserCannotGrantItselfARoleOrAnAreaItLacks() {
        UserAccount countyAdmin = TestUsers.create(accounts, jdbc, Set.of(Role.ADMINISTRATOR), "530102");
        var self = TestCallers.as(new Caller(countyAdmin.id(), countyAdmin.login(), Set.of(Role.ADMINISTRATOR), Set.of("530102")));
        int audit = count("audit_event");
        assertThat(mvc.put().uri("/api/v1/users/" + countyAdmin.id()).with(self).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"me\", \"language\": \"en\", \"roles\": [\"ADMINISTRATOR\", \"AUDITOR\"], \"areas\": [\"530102\"]}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].code").isEqualTo("beyond-own");
        assertThat(mvc.put().uri("/api/v1/users/" + countyAdmin.id()).with(self).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"me\", \"language\": \"en\", \"roles\": [\"ADMINISTRATOR\"], \"areas\": [\"530102\", \"53\"]}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("areas");
        assertThat(mvc.post().uri("/api/v1/users").with(self).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"helper" + countyAdmin.id() + "\", \"name\": \"helper\", \"roles\": [\"AUDITOR\"],"
                        + " \"areas\": [\"\"], \"password\": \"Long-Enough-Password\"}"))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[*].field", v -> v.assertThat().asArray().contains("roles", "areas"));
        assertThat(accounts.getClass()).isNotNull();
        assertThat(jdbc.sql("select count(*) from user_role where user_id = :id").param("id", countyAdmin.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(count("audit_event")).isEqualTo(audit);
    }

    @Test
    void changesAreAuditedAndTheAuditTrailIsAppendOnly() {
        var admin = TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR);
        assertThat(mvc.put().uri("/api/v1/counties/530103").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"provincialKey\": true}")).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/audit").param("entity", "county").param("entityId", "530103").with(admin))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].actorLogin", v -> v.assertThat().isEqualTo("test-admin"))
                .hasPathSatisfying("$[0].areaCode", v -> v.assertThat().isEqualTo("530103"))
                .hasPathSatisfying("$[0].before", v -> v.assertThat().asString().contains("\"provincialKey\": false"))
                .hasPathSatisfying("$[0].after", v -> v.assertThat().asString().contains("\"provincialKey\": true"));
        // The application's role may only insert and read (LeastPrivilegeTest); the triggers stop the owner.
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_login = 'someone else'").update())
                .hasStackTraceContaining("permission denied for table audit_event");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .hasStackTraceContaining("permission denied for table audit_event");
        assertThat(mvc.get().uri("/api/v1/audit").with(TestCallers.as(TestCallers.of("analyst", EnumSet.of(Role.ANALYST), ""))))
                .hasStatus(403);
    }

    private MvcTestResult signIn(String login, String password) {
        return mvc.post().uri("/login").with(csrf()).param("username", login).param("password", password).exchange();
    }

    private static MockHttpSession session(MvcTestResult result) {
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String issueToken(String login, String password) {
        MvcTestResult issued = mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + login + "\", \"password\": \"" + password + "\", \"name\": \"script\"}").exchange();
        assertThat(issued).hasStatus(201);
        try {
            return json.readTree(issued.getResponse().getContentAsString()).get("secret").asText();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String language(UserAccount user) {
        return jdbc.sql("select language from app_user where id = :id").param("id", user.id()).query(String.class).single();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
