package org.jingzhun.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rollups are keyed by county first (for sharding by county); an area's rows are read and replaced as one range
 * of that key, with the county in the index condition, not by skipping through every county's part of the key.
 */
@JingzhunTest
@Transactional
class RollupKeyTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAreasRowsAreOneRangeOfTheKey() {
        jdbc.sql("set local enable_seqscan = off").update(); // the test database's few rows would otherwise be read whole
        for (String table : new String[] {"statistics_figure", "statistics_breakdown", "statistics_income"}) {
            for (String area : new String[] {"", "53", "530102", "530102001001"}) {
                assertThat(plan("explain select * from " + table + " where " + IndicatorRegister.AREA_ROWS, "area", area))
                        .as(table + " of " + area).containsPattern("Index Cond: \\(+county_code");
            }
            assertThat(plan("explain delete from " + table + " where " + Rollups.these("areas"), "areas",
                    new String[] {"530102001001", "6201"})).as(table).containsPattern("Index Cond: \\(+county_code\\)?(::text)? = ANY");
        }
    }

    private String plan(String explain, String parameter, Object value) {
        return String.join("\n", jdbc.sql(explain).param(parameter, value).query(String.class).list());
    }
}
