package org.jingzhun.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts;
import org.jingzhun.account.Accounts.UserForm;
import org.jingzhun.account.UserAccount;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A lost password reset from the command line: a one-time password that signs in, waits lifted, tokens revoked, audited. */
@JingzhunTest
class ResetPasswordCommandTest {

    private static final Pattern PASSWORD = Pattern.compile("one-time password '([^']+)'");

    @Autowired
    ResetPasswordCommand command;
    @Autowired
    Accounts accounts;
    @Autowired
    TokenStore tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    @Test
    void aLockedOutUserSignsInWithTheOneTimePasswordAndMustChooseANewOne() {
        UserAccount user = user(true);
        String token = tokens.create(user.id(), "script").secret();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user.login(), "wrong-" + i)).hasRedirectedUrl("/login?error");
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = command.execute(new DefaultApplicationArguments(ResetPasswordCommand.COMMAND, "--login=" + user.login()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        Matcher matcher = PASSWORD.matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(matcher.find()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        MvcTestResult signedIn = signIn(user.login(), matcher.group(1));
        assertThat(signedIn.getResponse().getRedirectedUrl()).isNotEqualTo("/login?error");
        assertThat(mvc.get().uri("/").session((MockHttpSession) signedIn.getRequest().getSession()))
                .hasRedirectedUrl(PasswordChangeRequired.PAGE);
        assertThat(mvc.get().uri("/api/v1/account").header("Authorization", "Bearer " + token)).hasStatus(401);
        assertThat(jdbc.sql("select reason from audit_event where entity = 'user' and entity_id = :id and action = 'reset-password'")
                .param("id", Long.toString(user.id())).query(String.class).list()).containsExactly("command line: lost password");
    }

    @Test
    void aDisabledUserIsEnabledOnlyWhenAsked() {
        UserAccount user = user(false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(command.execute(new DefaultApplicationArguments(ResetPasswordCommand.COMMAND, "--login=" + user.login()),
                new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--enable");
        assertThat(enabled(user)).isFalse();

        assertThat(command.execute(new DefaultApplicationArguments(ResetPasswordCommand.COMMAND, "--login=" + user.login(),
                "--enable"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isZero();
        assertThat(enabled(user)).isTrue();
    }

    @Test
    void anUnknownLoginChangesNothing() {
        long events = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(command.execute(new DefaultApplicationArguments(ResetPasswordCommand.COMMAND, "--login=nobody-" + UUID.randomUUID()),
                new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("no user").doesNotContain("one-time password");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'reset-password' and actor_login = 'system'"
                + " and entity_id not in (select id::text from app_user)").query(Long.class).single()).isZero();
        assertThat(events).isPositive();
    }

    private boolean enabled(UserAccount user) {
        return jdbc.sql("select enabled from app_user where id = :id").param("id", user.id()).query(Boolean.class).single();
    }

    private UserAccount user(boolean enabled) {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            String login = "u" + UUID.randomUUID().toString().substring(0, 8);
            return accounts.create(new UserForm(login, "Test " + login, "en", enabled, Set.of(Role.ANALYST), Set.of("53")),
                    "Test-Password-42");
        } finally {
            TestCallers.signOut();
        }
    }

    private MvcTestResult signIn(String login, String password) {
        return mvc.post().uri("/login").with(csrf()).param("username", login).param("password", password).exchange();
    }
}
