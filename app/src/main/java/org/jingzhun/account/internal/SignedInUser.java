package org.jingzhun.account.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Collection;

import org.jingzhun.platform.Caller;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in user: the caller it acts as, and what sign-in needs to know. */
final class SignedInUser implements UserDetails, CredentialsContainer, Caller.Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final boolean enabled;
    private final OffsetDateTime lockedUntil;
    private final String language;
    private boolean mustChangePassword;
    private String passwordHash; // erased once sign-in is done
    private String passwordStamp; // kept: tells a session whether the password changed since it began

    SignedInUser(Caller caller, String passwordHash, boolean enabled, OffsetDateTime lockedUntil, String language,
                 boolean mustChangePassword) {
        this.caller = caller;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
        this.language = language;
        this.mustChangePassword = mustChangePassword;
        this.passwordStamp = stamp(passwordHash);
    }

    /** A short digest of the password hash: equal while the password is unchanged. */
    static String stamp(String passwordHash) {
        return passwordHash == null ? "" : TokenStore.hash(passwordHash).substring(0, 16);
    }

    String passwordStamp() {
        return passwordStamp;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    String language() {
        return language;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** The session's copy learns that its own user changed the password (to this hash). */
    void passwordChanged(String newPasswordHash) {
        mustChangePassword = false;
        passwordStamp = stamp(newPasswordHash);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return caller.login();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(org.jingzhun.platform.ChinaClock.now());
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
