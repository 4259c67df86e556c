package org.jingzhun.account.internal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Passwords are hashed with Argon2id and must be at least {@value #MIN_LENGTH} characters, not the login. */
@Configuration(proxyBeanMethods = false)
class Passwords {

    static final int MIN_LENGTH = 10;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /** Refuses a password that is too short or equal to the login, naming the field. */
    static void check(String field, String password, String login) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw DomainException.invalid(List.of(new FieldProblem(field, "too-short", "account.password.too-short", MIN_LENGTH)));
        }
        if (password.equalsIgnoreCase(login)) {
            throw DomainException.invalid(List.of(new FieldProblem(field, "is-login", "account.password.is-login")));
        }
    }

    /** A random password of easily told-apart characters. */
    static String random(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
