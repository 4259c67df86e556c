package org.jingzhun.account.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jingzhun.account.Accounts.ApiToken;
import org.jingzhun.account.Accounts.NewToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Personal API tokens: random secrets of which only the SHA-256 is stored. */
@Component
class TokenStore {

    static final String PREFIX = "jz_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, prefix, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    NewToken create(long userId, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = jdbc.sql("insert into api_token (user_id, name, token_hash, prefix) values (:user, :name, :hash, :prefix)"
                        + " returning " + COLUMNS)
                .param("user", userId).param("name", name).param("hash", hash(secret)).param("prefix", secret.substring(0, 10))
                .query((rs, i) -> token(rs)).single();
        return new NewToken(token, secret);
    }

    List<ApiToken> ofUser(long userId) {
        return jdbc.sql("select " + COLUMNS + " from api_token where user_id = :user order by created_at desc, id desc")
                .param("user", userId).query((rs, i) -> token(rs)).list();
    }

    /** Revokes the user's token; false when the user has no such active token. */
    boolean revoke(long userId, long tokenId) {
        return jdbc.sql("update api_token set revoked_at = now() where id = :id and user_id = :user and revoked_at is null")
                .param("id", tokenId).param("user", userId).update() == 1;
    }

    /** Revokes every active token of the user (password reset, account disabled). */
    int revokeAll(long userId) {
        return jdbc.sql("update api_token set revoked_at = now() where user_id = :user and revoked_at is null")
                .param("user", userId).update();
    }

    /**
     * The user id of an active token with this secret, noting its use to the minute, as the account page shows it:
     * a client sending a request a second would otherwise have each of them write the token's row and wait for the
     * write-ahead log's flush (a tenth of the database's time under the search load benchmark).
     */
    Optional<Long> userOf(String secret) {
        return jdbc.sql("""
                with noted as (
                    update api_token set last_used_at = now()
                     where token_hash = :hash and revoked_at is null
                       and (last_used_at is null or last_used_at < now() - interval '1 minute'))
                select user_id from api_token where token_hash = :hash and revoked_at is null""")
                .param("hash", hash(secret)).query(Long.class).optional();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class));
    }
}
