package org.jingzhun.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts.UserForm;
import org.jingzhun.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real users for sign-in tests, created by the national administrator, each with a fresh login. */
public final class TestUsers {

    public static final String PASSWORD = "Test-Password-42";

    private TestUsers() {
    }

    /** A user who has already chosen its password (no change needed at sign-in). */
    public static UserAccount create(Accounts accounts, JdbcClient jdbc, Set<Role> roles, String... areas) {
        UserAccount user = createFresh(accounts, roles, areas);
        jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", user.id()).update();
        return user;
    }

    /** A user as an administrator creates it: the password must be changed at first sign-in. */
    static UserAccount createFresh(Accounts accounts, Set<Role> roles, String... areas) {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            String login = "u" + UUID.randomUUID().toString().substring(0, 8);
            return accounts.create(new UserForm(login, "Test " + login, "en", true, roles, Set.of(areas)), PASSWORD);
        } finally {
            TestCallers.signOut();
        }
    }

    /** An API token of the user, issued over HTTP as a program asks for one: the answer (its secret and the token). */
    public static JsonNode issueToken(HttpClient http, int port, JsonMapper json, UserAccount user, String name) throws Exception {
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("login", user.login(),
                        "password", PASSWORD, "name", name)))).build(), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("No token issued: " + issued.statusCode() + " " + issued.body());
        }
        return json.readTree(issued.body());
    }
}
