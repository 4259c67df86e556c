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

    /** Moves the clock forward by some days. */
    public void advanceDays(long days) {
        offset = offset.plusDays(days);
    }

    /** Sets the clock to an instant, from which it runs on (also backwards: to a New Year's Eve). */
    public void set(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
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
        return Instant.now().plus(offset);
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
