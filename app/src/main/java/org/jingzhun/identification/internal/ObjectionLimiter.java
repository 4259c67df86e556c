package org.jingzhun.identification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * How often the public may file objections: a few an hour from one address, and a ceiling for all addresses
 * together, so that a flood neither fills the lists of objections nor drowns the ones that matter. Kept in
 * memory: a restart forgets it, which costs a flooder nothing worth having.
 */
@Component
class ObjectionLimiter {

    static final int PER_ADDRESS = 5;
    static final int IN_ALL = 300;
    static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    ObjectionLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one filing from the address, or answers false when it or everyone filed too many within the hour. */
    synchronized boolean allow(String address) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        byAddress.values().forEach(times -> expire(times, since));
        byAddress.values().removeIf(Deque::isEmpty);
        expire(all, since);
        Deque<Instant> times = byAddress.computeIfAbsent(address == null ? "" : address, a -> new ArrayDeque<>());
        if (times.size() >= PER_ADDRESS || all.size() >= IN_ALL) {
            return false;
        }
        times.addLast(now);
        all.addLast(now);
        return true;
    }

    private static void expire(Deque<Instant> times, Instant since) {
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
            times.removeFirst();
        }
    }
}
