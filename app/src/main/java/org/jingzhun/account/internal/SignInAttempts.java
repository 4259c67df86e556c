package org.jingzhun.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins are logged with the address they came from and counted: after {@value #MAX_FAILURES} in a
 * row the account is locked for {@value #LOCK_MINUTES} minutes. A success resets the count.
 */
@Component
class SignInAttempts {

    static final int MAX_FAILURES = 5;
    static final int LOCK_MINUTES = 15;
    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final UserStore users;

    SignInAttempts(UserStore users) {
        this.users = users;
    }

    /** Counted in a transaction of its own: the refused request's transaction rolls back, the count must not. */
    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(AbstractAuthenticationFailureEvent event) {
        String login = String.valueOf(event.getAuthentication().getName()).strip().toLowerCase(java.util.Locale.ROOT);
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        log.warn("Failed sign-in for '{}' from {}: {}", login, address, event.getException().getClass().getSimpleName());
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            users.failedSignIn(login, MAX_FAILURES, LOCK_MINUTES);
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(AuthenticationSuccessEvent event) {
        users.succeededSignIn(event.getAuthentication().getName());
    }
}
