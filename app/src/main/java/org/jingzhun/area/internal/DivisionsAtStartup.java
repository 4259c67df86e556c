package org.jingzhun.area.internal;

import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads the configured edition of the division codes at start when it is not the one loaded last: the
 * whole country on first start, and a newer edition once it is put in place ({@code jingzhun.divisions.location}).
 * It runs before the web server opens, so nobody sees an empty country and health turns UP only after it. The
 * shipped list of poor counties ({@code jingzhun.counties.poor-list}) is given to the county attributes after, once.
 */
@Component
class DivisionsAtStartup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DivisionsAtStartup.class);

    private final DivisionLoading loader;
    private final JdbcClient jdbc;
    private final String location;
    private final ShippedCountyLists countyLists;
    private final String poorCounties;

    DivisionsAtStartup(DivisionLoading loader, JdbcClient jdbc, @Value("${jingzhun.divisions.location}") String location,
                       ShippedCountyLists countyLists, @Value("${jingzhun.counties.poor-list:}") String poorCounties) {
        this.loader = loader;
        this.jdbc = jdbc;
        this.location = location;
        this.countyLists = countyLists;
        this.poorCounties = poorCounties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        DivisionSource source = DivisionSource.at(location);
        String checksum = source.checksum();
        boolean loaded = jdbc.sql("select checksum from area_edition order by id desc limit 1")
                .query(String.class).optional().filter(checksum::equals).isPresent();
        if (loaded) {
            log.info("Division edition {} is loaded", location);
        } else {
            log.info("Loading the division edition {} ...", location);
            loader.load(source);
        }
        // The counties' attributes need the counties: the shipped list of poor counties follows the divisions, once.
        if (!poorCounties.isBlank()) {
            countyLists.loadPoorCounties(poorCounties)
                    .ifPresent(counties -> log.info("{} counties of {} marked poor", counties, poorCounties));
        }
    }
}
