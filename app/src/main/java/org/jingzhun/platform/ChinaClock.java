package org.jingzhun.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock of the system, in China's time zone: the days of publicity periods and of steps are days in China.
 * Features take it as a bean, so that tests can move it forward.
 */
@Configuration(proxyBeanMethods = false)
public class ChinaClock {

    /** The time zone of every date the system records. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
