package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * A program that reads pages with a bearer token opens no session: each page it reads would otherwise leave one behind
 * (for the CSRF token of the page's forms), held in memory for the session timeout. A person's page still gets its
 * session and token.
 */
@JingzhunTest
class TokenSessionsTest {

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aPageReadWithATokenOpensNoSession() throws Exception {
        UserAccount user = TestUsers.create(accounts, jdbc, EnumSet.of(Role.DATA_ENTRY), "530102");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\": \"" + user.login() + "\", \"password\": \""
                        + TestUsers.PASSWORD + "\", \"name\": \"pages\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(201);
        String secret = json.readTree(issued.body()).get("secret").asString();

        for (String page : new String[] {"/", "/households?area=530102", "/account"}) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri(page)).header("Authorization", "Bearer " + secret).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(page).isEqualTo(200);
            assertThat(read.body()).as(page).contains("name=\"_csrf\""); // the sign-out form is there, with a token
            assertThat(read.headers().allValues("Set-Cookie")).as(page).noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        }

        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.body()).contains("name=\"_csrf\"");
        assertThat(signIn.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("JSESSIONID="));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
