package org.jingzhun.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import org.jingzhun.platform.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which sign-in attempts get their password checked, counted in the database by the login typed (known or not)
 * and the client's address, so that the rules hold across instances:
 * <ul>
 *   <li>{@value #IN_A_ROW} failures in a row for a login from one address refuse that address for that login for
 *       {@link #LOCK}; other addresses are not affected, so an attacker cannot lock the user out from elsewhere;</li>
 *   <li>across all addresses, a login's first {@value #FREE} failures of a day are free; after them each attempt
 *       must wait after the last failure, {@link #FIRST_WAIT} and twice as long after each further failure, up to
 *       {@link #LONGEST_WAIT}. Many addresses together so get about a hundred guesses a day, not five each;</li>
 *   <li>that slowdown does not apply at an address the login signed in from in the last {@link #KNOWN_FOR}, so the
 *       attacker cannot turn it into a lockout of the user at the user's own address.</li>
 * </ul>
 * An attempt is written down as a failure before its password is checked and taken back if it succeeds, so that
 * attempts arriving at once are all counted. Refused attempts check no password and are not counted.
 * Failures are logged with the address, for the sign-in form and the token API alike.
 */
@Component
class SignInAttempts {

    static final int IN_A_ROW = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final int FREE = 10;
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Failures older than this no longer slow a login down. */
    static final Duration MEMORY = Duration.ofDays(1);
    static final Duration KNOWN_FOR = Duration.ofDays(90);
    private static final int EXPIRED_PER_ATTEMPT = 50;
    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final UserStore users;
    private final JdbcClient jdbc;
    private final Clock clock;

    SignInAttempts(UserStore users, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A login as counted: as typed, without surrounding blanks, in lower case, bounded. */
    static String login(String typed) {
        String login = String.valueOf(typed).strip().toLowerCase(Locale.ROOT);
        return login.length() > 200 ? login.substring(0, 200) : login;
    }

    /** The address an attempt came from, as its details (from the request) tell; "unknown" without them. */
    static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? String.valueOf(web.getRemoteAddress()) : ClientAddress.UNKNOWN;
    }

    /**
     * Allows one attempt of the login from the address and writes it down as a failure, or refuses it with the
     * time to wait. Committed before the password is checked (a transaction of its own).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long begin(String login, String address) {
        String key = ClientAddress.key(address);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('sign-in:' || :login, 0))").param("login", login)
                .query((rs, i) -> 1).list();
        Optional<OffsetDateTime> signedInHere = jdbc.sql("""
                        select last_success_at from sign_in_known_address
                         where login = :login and address = :address and last_success_at > :since""")
                .param("login", login).param("address", key).param("since", now.minus(KNOWN_FOR))
                .query(OffsetDateTime.class).optional();
        OffsetDateTime inARowSince = now.minus(LOCK);
        if (signedInHere.isPresent() && signedInHere.get().isAfter(inARowSince)) {
            inARowSince = signedInHere.get();
        }
        Failures here = failures("login = :login and address = :address", login, key, inARowSince, now);
        if (here.count() >= IN_A_ROW) {
            throw new SignInWait(Duration.between(now, here.last().plus(LOCK)));
        }
        if (signedInHere.isEmpty()) {
            Failures everywhere = failures("login = :login", login, key, now.minus(MEMORY), now);
            if (everywhere.count() >= FREE) {
                OffsetDateTime until = everywhere.last().plus(wait(everywhere.count()));
                if (until.isAfter(now)) {
                    throw new SignInWait(Duration.between(now, until));
                }
            }
        }
        long attempt = jdbc.sql("insert into sign_in_failure (login, address, failed_at) values (:login, :address, :now) returning id")
                .param("login", login).param("address", key).param("now", now).query(Long.class).single();
        jdbc.sql("""
                delete from sign_in_failure where id in (
                    select id from sign_in_failure where failed_at < :before order by failed_at limit :n)""")
                .param("before", now.minus(MEMORY)).param("n", EXPIRED_PER_ATTEMPT).update();
        jdbc.sql("""
                delete from sign_in_known_address where (login, address) in (
                    select login, address from sign_in_known_address where last_success_at < :before
                     order by last_success_at limit :n)""")
                .param("before", now.minus(KNOWN_FOR)).param("n", EXPIRED_PER_ATTEMPT).update();
        return attempt;
    }

    /** After the free failures: one minute, then twice as long after each further failure, up to a quarter hour. */
    static Duration wait(int failures) {
        int doublings = Math.min(failures - FREE, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private record Failures(int count, OffsetDateTime last) {
    }

    private Failures failures(String where, String login, String address, OffsetDateTime since, OffsetDateTime now) {
        return jdbc.sql("select count(*), max(failed_at) from sign_in_failure where " + where
                        + " and failed_at > :since and failed_at <= :now")
                .param("login", login).param("address", address).param("since", since).param("now", now)
                .query((rs, i) -> new Failures(rs.getInt(1), rs.getObject(2, OffsetDateTime.class))).single();
    }

    /** The attempt was right: it is no failure, and the address is now one the login signs in from. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(long attempt, String login, String address) {
        withdraw(attempt);
        jdbc.sql("""
                insert into sign_in_known_address (login, address, last_success_at) values (:login, :address, :now)
                on conflict (login, address) do update set last_success_at = excluded.last_success_at""")
                .param("login", login).param("address", ClientAddress.key(address)).param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** The attempt ended before its password was judged (a disabled account, say): it guessed nothing. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void withdraw(long attempt) {
        jdbc.sql("delete from sign_in_failure where id = :id").param("id", attempt).update();
    }

    /** Logged with the address, the refused ones too; wrong passwords also counted on the user (shown to administrators). */
    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(AbstractAuthenticationFailureEvent event) {
        String login = login(event.getAuthentication().getName());
        // The login is whatever was typed: control characters could forge log lines.
        log.warn("Failed sign-in for '{}' from {}: {}", login.replaceAll("\\p{Cntrl}", "?"),
                address(event.getAuthentication().getDetails()),
                event.getException().getClass().getSimpleName());
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            users.failedSignIn(login);
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(AuthenticationSuccessEvent event) {
        users.succeededSignIn(event.getAuthentication().getName());
    }
}
