package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Issue 12, item 6: a user created through the API, who gets no token before choosing a password, chooses it
 * through the open {@code POST /api/v1/auth/password}; wrong current passwords count toward the lockout as sign-ins do.
 */
@JingzhunTest
@ExtendWith(OutputCaptureExtension.class)
class PasswordEndpointTest {

    static final String NEW_PASSWORD = "Chosen-Password-77";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aUserCreatedThroughTheApiChoosesItsPasswordAndThenGetsAToken() {
        UserAccount user = TestUsers.createFresh(accounts, Set.of(Role.ANALYST), "53");
        assertThat(token(user.login(), TestUsers.PASSWORD)).as("no token before the password is chosen").hasStatus(403);

        // Refused with the field and reason: a new password that breaks the rules, or the same one again.
        assertThat(change(user.login(), TestUsers.PASSWORD, "short")).hasStatus(400).bodyText().contains("newPassword");
        assertThat(change(user.login(), TestUsers.PASSWORD, TestUsers.PASSWORD)).hasStatus(400).bodyText().contains("newPassword");

        // Open, without a session or its CSRF token, as scripts call it.
        assertThat(change(user.login(), TestUsers.PASSWORD, NEW_PASSWORD)).hasStatus(204);
        assertThat(token(user.login(), TestUsers.PASSWORD)).hasStatus(400);
        assertThat(token(user.login(), NEW_PASSWORD)).hasStatus(201);
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'user' and entity_id = :id and action = 'change-password'"
                + " and actor_login = :login").param("id", Long.toString(user.id())).param("login", user.login())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void wrongCurrentPasswordsCountTowardTheLockoutAsSignInsDo(CapturedOutput output) {
        UserAccount user = TestUsers.createFresh(accounts, Set.of(Role.ANALYST), "53");
        for (int i = 0; i < 5; i++) {
            assertThat(change(user.login(), "guess-" + i, NEW_PASSWORD)).hasStatus(400);
        }
        assertThat(output).contains("Failed sign-in for '" + user.login() + "'");
        assertThat(change(user.login(), TestUsers.PASSWORD, NEW_PASSWORD)).as("locked for this address after five failures").hasStatus(429);
        assertThat(change("no-such-login-" + user.login(), TestUsers.PASSWORD, NEW_PASSWORD)).hasStatus(400);
    }

    @Test
    void theOpenApiDocumentDescribesIt() {
        assertThat(mvc.get().uri("/v3/api-docs").with(TestCallers.as(TestCallers.NATIONAL_ADMINISTRATOR))).hasStatusOk()
                .bodyText().contains("/api/v1/auth/password", "PasswordChangeRequest", "currentPassword", "newPassword");
    }

    private MvcTestResult change(String login, String current, String next) {
        return mvc.post().uri("/api/v1/auth/password").contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + login + "\", \"currentPassword\": \"" + current + "\", \"newPassword\": \"" + next + "\"}")
                .exchange();
    }

    private MvcTestResult token(String login, String password) {
        return mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}").exchange();
    }
}
