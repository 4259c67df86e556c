package org.jingzhun.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the system, in China's time zone: every "today", "this year" and every instant that decides a
 * year comes from it (the days of publicity periods and of steps, the year a status change counts in, the day a
 * household is recorded). Features take it as a bean, so that tests can move it; value objects and plain
 * validators that have no beans read the same clock through {@link #today()}. The database's sessions run in the
 * same time zone, so that a date the database derives is China's date too.
 */
@Configuration(proxyBeanMethods = false)
public class ChinaClock {

    /** The time zone of every date the system records. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** What each database session runs first: dates the database derives from instants are China's. */
    public static final String SESSION_TIME_ZONE = "set time zone 'Asia/Shanghai'";

    /** The context's clock (a test's, when it puts one in place); the system's until the context is up. */
    private static volatile Clock current = Clock.system(ZONE);

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }

    /**
     * Makes the context's clock the one {@link #today()} reads, once every bean is there, and puts the one before it
     * back when the context closes: a second application started and closed in the same JVM (as tests do) leaves
     * the first one's clock in force.
     */
    @Bean
    ClockInForce chinaClockInForce(Clock clock) {
        return new ClockInForce(clock);
    }

    static final class ClockInForce implements SmartInitializingSingleton, DisposableBean {
        private final Clock clock;
        private Clock before;

        ClockInForce(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void afterSingletonsInstantiated() {
            synchronized (ChinaClock.class) {
                before = current;
                current = clock;
            }
        }

        @Override
        public void destroy() {
            synchronized (ChinaClock.class) {
                if (current == clock && before != null) {
                    current = before;
                }
            }
        }
    }

    /**
     * Every pool of connections starts its sessions in China's time zone, whichever configuration built it (the
     * embedded database's, or Spring Boot's for a database given by URL).
     */
    @Bean
    static BeanPostProcessor sessionTimeZone() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    String first = pool.getConnectionInitSql();
                    if (first == null || first.isBlank()) {
                        pool.setConnectionInitSql(SESSION_TIME_ZONE);
                    } else if (!first.contains(SESSION_TIME_ZONE)) {
                        pool.setConnectionInitSql(SESSION_TIME_ZONE + "; " + first);
                    }
                }
                return bean;
            }
        };
    }

    /** The clock in force. */
    public static Clock current() {
        return current;
    }

    /** Today in China. */
    public static LocalDate today() {
        return LocalDate.now(current);
    }

    /** This year in China. */
    public static int thisYear() {
        return today().getYear();
    }

    /** Now, as an instant with China's offset. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(current);
    }
}
