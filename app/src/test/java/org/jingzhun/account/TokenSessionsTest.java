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
 * session and token. (Read by a program, even after a MockMvc test's csrf() has put its own token store in place.)
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
        String secret = TestUsers.issueToken(http, port, json, user, "pages").get("secret").asString();

        for (String page : new String[] {"/", "/households?area=530102", "/account"}) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri(page)).header("Authorization", "Bearer " + secret).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(page).isEqualTo(200);
            assertThat(read.body()).as(page).contains("id=\"sign-out\"").doesNotContain("name=\"_csrf\""); // a form, no token
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
