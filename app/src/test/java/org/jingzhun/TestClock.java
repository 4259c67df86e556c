package org.jingzhun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jingzhun.platform.ChinaClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system's clock in tests: real time plus an offset that a test may move (to see a publicity period end, or
 * to stand a minute before midnight on 31 December) and must reset afterwards.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stopped;

    /** Moves the clock forward by some days. */
    public void advanceDays(long days) {
        offset = offset.plusDays(days);
    }

    /** Moves the clock forward by a span (minutes of a sign-in slowdown, say). */
    public void advance(Duration span) {
        offset = offset.plus(span);
    }

    /** Stops the clock where it is (it then moves only when a test moves it), so that waits cannot run out by chance. */
    public void stop() {
        stopped = Instant.now();
    }

    /** Sets the clock to an instant, from which it runs on (also backwards: to a New Year's Eve). */
    public void set(Instant at) {
        Instant base = stopped;
        offset = Duration.between(base == null ? Instant.now() : base, at);
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
        stopped = null;
    }

    @Override
    public ZoneId getZone() {
        return ChinaClock.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the system's clock stays in China's time zone");
    }

    @Override
    public Instant instant() {
        Instant at = stopped;
        return (at == null ? Instant.now() : at).plus(offset);
    }

    /** Puts the test clock in place of the system's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
