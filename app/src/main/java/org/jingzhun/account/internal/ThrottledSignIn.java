package org.jingzhun.account.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Checks a password only for an attempt {@link SignInAttempts} allows, and tells it how the attempt ended. */
final class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;

    ThrottledSignIn(AuthenticationProvider passwords, SignInAttempts attempts) {
        this.passwords = passwords;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = SignInAttempts.login(authentication.getName());
        String address = SignInAttempts.address(authentication.getDetails());
        long attempt = attempts.begin(login, address);
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(authentication);
        } catch (BadCredentialsException wrong) {
            throw wrong; // stays written down as a failure
        } catch (RuntimeException other) {
            attempts.withdraw(attempt);
            throw other;
        }
        attempts.succeeded(attempt, login, address);
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
