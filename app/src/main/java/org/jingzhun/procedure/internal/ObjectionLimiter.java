package org.jingzhun.procedure.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.jingzhun.platform.ClientAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How often the public may file objections: {@value #PER_ADDRESS} an hour from one address (an IPv6 /64),
 * counted in the database so that the limit holds across several instances. There is no ceiling for all
 * addresses together, nor per village or subject: 60 addresses once used up such a ceiling in four seconds and
 * silenced the whole country. A flood is met instead by a proof of work every filing must then bring
 * ({@link #bitsRequired()}), which costs a citizen's phone a moment and a flooder a lot.
 */
@Component
class ObjectionLimiter {

    static final int PER_ADDRESS = 5;
    static final Duration WINDOW = Duration.ofHours(1);
    /** Filings by the public are counted over this span to tell a flood. */
    static final Duration FLOOD_WINDOW = Duration.ofMinutes(10);
    /**
     * The most the challenge asks: 2^18 hashes on average, measured at 1.8 s for the page's script (Node, on the
     * 2 busy cores of the build machine; 2^16 took 0.34 s), a few seconds on a cheap phone.
     */
    static final int MOST_BITS = 18;
    /** Expired rows removed per filing: the table stays about an hour of filings long. */
    private static final int EXPIRED_PER_FILING = 50;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int floodAbove;
    private final int leastBits;

    ObjectionLimiter(JdbcClient jdbc, Clock clock,
                     @Value("${jingzhun.objections.challenge-above:30}") int floodAbove,
                     @Value("${jingzhun.objections.challenge-bits:16}") int leastBits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.floodAbove = Math.max(floodAbove, 0);
        this.leastBits = Math.min(Math.max(leastBits, 1), MOST_BITS);
    }

    /**
     * Whether the address may file one more objection: fewer than {@value #PER_ADDRESS} within the hour. Filings
     * from one address wait here for each other until the caller's transaction ends, on every instance, so that
     * none slips past the count; {@link #count} then writes the filing down in that transaction.
     */
    boolean allow(String address) {
        String key = ClientAddress.key(address);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('objection-filing:' || :key, 0))").param("key", key)
                .query((rs, i) -> 1).list();
        int recent = jdbc.sql("""
                select count(*) from objection_filing
                 where address = :key and filed_at > :since and filed_at <= :now""")
                .param("key", key).param("since", now.minus(WINDOW)).param("now", now).query(Integer.class).single();
        return recent < PER_ADDRESS;
    }

    /** Writes down a filing from the address, once every check passed; and forgets filings older than the hour. */
    void count(String address) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into objection_filing (address, filed_at) values (:key, :now)")
                .param("key", ClientAddress.key(address)).param("now", now).update();
        jdbc.sql("""
                delete from objection_filing where id in (
                    select id from objection_filing where filed_at < :before order by filed_at limit :n)""")
                .param("before", now.minus(WINDOW)).param("n", EXPIRED_PER_FILING).update();
    }

    /**
     * The zero bits a filing's proof of work needs now: none while the public files fewer than
     * {@code jingzhun.objections.challenge-above} objections in {@link #FLOOD_WINDOW} across the country, then
     * {@code jingzhun.objections.challenge-bits}, one more for each doubling of the flood, up to {@value #MOST_BITS}.
     * Every address can still file: the flood raises the price, it never closes the channel.
     */
    int bitsRequired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        long cap = (long) Math.max(floodAbove, 1) << (MOST_BITS - leastBits + 1);
        long filings = jdbc.sql("""
                select count(*) from (select 1 from objection_filing
                                       where filed_at > :since and filed_at <= :now limit :cap) recent""")
                .param("since", now.minus(FLOOD_WINDOW)).param("now", now).param("cap", cap).query(Long.class).single();
        if (filings < floodAbove) {
            return 0;
        }
        int doublings = 0;
        while (doublings < MOST_BITS - leastBits && filings >= (long) Math.max(floodAbove, 1) << (doublings + 1)) {
            doublings++;
        }
        return leastBits + doublings;
    }

    /** The fewest bits a challenge asks: given out even when filings need none, so that a flood finds it solved. */
    int leastBits() {
        return leastBits;
    }
}
