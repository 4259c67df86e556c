package org.jingzhun.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import org.jingzhun.platform.ChinaClock;
import org.springframework.stereotype.Component;

/**
 * Times as pages show them: in China's time zone, whatever zone the database driver or the JVM hands them in
 * (instants come back from PostgreSQL in UTC, and the server's default zone is often UTC too). Templates call it as
 * {@code ${@chinaTime.minute(e.at)}}, so no page formats a time on its own.
 */
@Component("chinaTime")
public class ChinaTime {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    ChinaTime(Clock clock) {
        this.clock = clock;
    }

    /** The day in China, e.g. 2026-12-03; empty for null. */
    public String date(Object time) {
        return format(time, DATE);
    }

    /** To the minute in China, e.g. 2026-12-03 07:05; empty for null. */
    public String minute(Object time) {
        return format(time, MINUTE);
    }

    /** To the second in China; empty for null. */
    public String second(Object time) {
        return format(time, SECOND);
    }

    /** Today in China, by the system's clock. */
    public String today() {
        return date(clock.instant());
    }

    /** Now in China to the minute, by the system's clock. */
    public String now() {
        return minute(clock.instant());
    }

    private static String format(Object time, DateTimeFormatter format) {
        return switch (time) {
            case null -> "";
            case Instant instant -> format.format(instant.atZone(ChinaClock.ZONE));
            case OffsetDateTime offset -> format.format(offset.atZoneSameInstant(ChinaClock.ZONE));
            case ZonedDateTime zoned -> format.format(zoned.withZoneSameInstant(ChinaClock.ZONE));
            // A local date-time carries no zone: the system writes them only in China's time.
            case LocalDateTime local -> format.format(local);
            case TemporalAccessor other -> format.format(other);
            default -> throw new IllegalArgumentException("not a time: " + time.getClass().getName());
        };
    }
}
