package org.jingzhun.account.internal;

import java.io.Serial;
import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/** A sign-in attempt refused before its password was checked: too many failures; try again after the wait. */
public final class SignInWait extends LockedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long seconds;

    SignInWait(Duration wait) {
        super("too many failed sign-ins; wait " + Math.max(wait.toSeconds(), 1) + " s");
        this.seconds = Math.max(wait.toSeconds(), 1);
    }

    /** Whole minutes to wait, rounded up. */
    public long minutes() {
        return (seconds + 59) / 60;
    }
}
