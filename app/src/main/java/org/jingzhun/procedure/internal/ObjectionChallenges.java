package org.jingzhun.procedure.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jingzhun.procedure.Procedures;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The proof of work the public's objection form asks for during a flood. A challenge is signed (with a key
 * kept in the database, so that any instance checks what another gave out), says when it was given and how many
 * zero bits it asks, and answers one filing only. The page's script ({@code /js/objection.js}) and an API client
 * solve it the same way: a nonce such that SHA-256 of {@code challenge:nonce} begins with that many zero bits.
 */
@Component
class ObjectionChallenges {

    /** Long enough to write an objection on a phone after opening the form. */
    static final Duration VALID = Duration.ofHours(2);
    private static final int LONGEST_NONCE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile byte[] key;

    ObjectionChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new challenge asking the bits given. */
    Procedures.Challenge issue(int bits, boolean required) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String body = clock.instant().getEpochSecond() + "." + bits + "." + HexFormat.of().formatHex(nonce);
        return new Procedures.Challenge(body + "." + sign(body), bits, required);
    }

    /**
     * Checks the proof of a filing that needs {@code bits} zero bits and spends it, in the caller's transaction.
     * Refused with the field {@code proof} and the reason: missing, not one of ours, expired, too easy (a flood
     * rose since it was given), wrong, or spent already.
     */
    void spend(Procedures.Proof proof, int bits) {
        if (proof == null || blank(proof.challenge()) || blank(proof.nonce())) {
            throw refused("required");
        }
        String challenge = proof.challenge().strip();
        String nonce = proof.nonce().strip();
        String[] parts = challenge.split("\\.");
        if (challenge.length() > 200 || parts.length != 4
                || !MessageDigest.isEqual(sign(parts[0] + "." + parts[1] + "." + parts[2]).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw refused("unknown");
        }
        Instant given = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        Instant now = clock.instant();
        if (given.plus(VALID).isBefore(now) || given.isAfter(now.plusSeconds(60))) {
            throw refused("expired");
        }
        if (Integer.parseInt(parts[1]) < bits) {
            throw refused("too-easy");
        }
        if (nonce.length() > LONGEST_NONCE || !nonce.chars().allMatch(c -> c >= '0' && c <= '9')
                || !solves(challenge, nonce, Integer.parseInt(parts[1]))) {
            throw refused("wrong");
        }
        OffsetDateTime spentAt = OffsetDateTime.now(clock);
        int fresh = jdbc.sql("""
                insert into objection_proof_spent (challenge_hash, spent_at) values (:hash, :at)
                on conflict (challenge_hash) do nothing""")
                .param("hash", sha256Hex(challenge)).param("at", spentAt).update();
        if (fresh == 0) {
            throw refused("spent");
        }
        jdbc.sql("""
                delete from objection_proof_spent where challenge_hash in (
                    select challenge_hash from objection_proof_spent where spent_at < :before order by spent_at limit 50)""")
                .param("before", spentAt.minus(VALID).minusMinutes(2)).update();
    }

    /** Whether SHA-256 of {@code challenge:nonce} begins with {@code bits} zero bits. */
    static boolean solves(String challenge, String nonce, int bits) {
        byte[] hash = sha256((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < bits; i++) {
            if ((hash[i / 8] & (0x80 >>> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static DomainException refused(String code) {
        return DomainException.invalid(List.of(new FieldProblem("proof", code, "procedure.objection.proof." + code)));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = jdbc.sql("select secret from objection_challenge_key where id = 1").query(byte[].class).single();
            key = k;
        }
        return k;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }
}
