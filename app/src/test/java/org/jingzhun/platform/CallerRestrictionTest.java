package org.jingzhun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL condition of a caller's areas keeps what a prefix match of each area keeps, on the real division data, and
 * a caller of counties is kept by county code too.
 */
@JingzhunTest
class CallerRestrictionTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRangesKeepWhatThePrefixesKeep() {
        String township = jdbc.sql("select min(code) from area where level = 4 and code like '530102%'").query(String.class).single();
        String village = jdbc.sql("select max(code) from area where level = 5 and code like '5329%'").query(String.class).single();
        for (List<String> areas : List.of(List.of("53"), List.of("5301", "6201"), List.of("530102"), List.of(township),
                List.of(village), List.of("530102", village), List.of("19"))) {
            Caller caller = TestCallers.of("restricted", EnumSet.of(Role.ANALYST), areas.toArray(String[]::new));
            Caller.Restriction restriction = caller.restrict("code");
            List<String> kept = jdbc.sql("select code from area where " + restriction.sql() + " order by code")
                    .params(restriction.parameters()).query(String.class).list();
            List<String> prefixed = jdbc.sql("select code from area where code like any(:prefixes) order by code")
                    .param("prefixes", areas.stream().map(area -> area + "%").toArray(String[]::new)).query(String.class).list();
            assertThat(kept).as(areas.toString()).isEqualTo(prefixed);
            assertThat(restriction.sql()).doesNotContain(" like ");
        }
        assertThat(jdbc.sql("select count(*) from area where code like '53%'").query(Long.class).single()).isGreaterThan(10_000);
    }

    @Test
    void aCallerOfCountiesIsKeptByCountyCodeToo() {
        Caller township = new Caller(0, "township", Set.of(Role.ANALYST), Set.of("530102001", "530103"));
        Caller.Restriction narrowed = township.restrict("h.village_code", "scope", "h.county_code");
        assertThat(narrowed.sql()).isEqualTo("h.county_code = any(:scopeCounties) and ((h.village_code >= :scope0 and h.village_code < :scope0End)"
                + " or (h.village_code >= :scope1 and h.village_code < :scope1End))");
        assertThat(narrowed.parameters()).containsEntry("scope0", "530102001").containsEntry("scope0End", "530102001:")
                .containsEntry("scope1", "530103").containsEntry("scope1End", "530103:");

        assertThat(new Caller(0, "prefecture", Set.of(Role.ANALYST), Set.of("5301")).restrict("h.village_code", "scope", "h.county_code").sql())
                .doesNotContain("county_code");
        assertThat(new Caller(0, "nation", Set.of(Role.ANALYST), Set.of("")).restrict("h.village_code").sql()).isEqualTo("true");
        assertThat(new Caller(0, "nowhere", Set.of(Role.ANALYST), Set.of()).restrict("h.village_code").sql()).isEqualTo("false");
    }
}
