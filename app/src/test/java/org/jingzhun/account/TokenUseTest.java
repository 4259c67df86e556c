package org.jingzhun.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token's last use is noted to the minute, as the account page shows it: requests within a minute of the last
 * noted one do not write the token's row again, and one after that minute does.
 */
@JingzhunTest
class TokenUseTest {

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
    void aTokensUseIsNotedOnceAMinute() throws Exception {
        UserAccount user = TestUsers.create(accounts, jdbc, EnumSet.of(Role.ANALYST), "530102");
        JsonNode issued = TestUsers.issueToken(http, port, json, user, "token use");
        String secret = issued.get("secret").asString();
        long token = issued.get("token").get("id").asLong();
        assertThat(lastUsed(token)).isNull();

        assertThat(areaAs(secret)).isEqualTo(200);
        OffsetDateTime first = lastUsed(token);
        assertThat(first).isNotNull();
        assertThat(areaAs(secret)).isEqualTo(200);
        assertThat(areaAs(secret)).isEqualTo(200);
        assertThat(lastUsed(token)).isEqualTo(first);

        jdbc.sql("update api_token set last_used_at = last_used_at - interval '61 seconds' where id = :id").param("id", token).update();
        OffsetDateTime earlier = lastUsed(token);
        assertThat(areaAs(secret)).isEqualTo(200);
        assertThat(lastUsed(token)).isAfter(earlier);

        jdbc.sql("update api_token set revoked_at = now() where id = :id").param("id", token).update();
        assertThat(areaAs(secret)).isEqualTo(401);
    }

    private int areaAs(String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/areas/530102")).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private OffsetDateTime lastUsed(long token) {
        return jdbc.sql("select last_used_at from api_token where id = :id").param("id", token)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list().getFirst();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
