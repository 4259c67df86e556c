package org.jingzhun.area.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shipped list of poor counties is in the county attributes after first start, and is not loaded twice. */
@JingzhunTest
class ShippedCountyListsTest {

    private static final Path LIST = Path.of("../data/counties/poor-counties.csv");

    @Autowired
    ShippedCountyLists lists;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyListedCountyIsPoorAfterFirstStart() throws IOException {
        List<String> listed = Files.readAllLines(LIST).stream().skip(1).map(line -> line.split(",")[0]).toList();
        assertThat(listed).hasSize(831).contains("130631", "532628"); // 望都县; the README's 831 mapped counties
        int loaded = jdbc.sql("select counties from county_list_load where name = 'poor-counties'").query(Integer.class).single();
        assertThat(loaded).isEqualTo(831);
        int poor = jdbc.sql("select count(*) from county_attribute where poor and county_code = any(:codes)")
                .param("codes", listed.toArray(String[]::new)).query(Integer.class).single();
        assertThat(poor).isEqualTo(831);
    }

    @Test
    void aListLoadedBeforeIsNotLoadedAgain() {
        int entries = auditEntries();
        assertThat(lists.loadPoorCounties("classpath:counties/poor-counties.csv")).isEmpty();
        assertThat(lists.loadPoorCounties("file:" + LIST.toAbsolutePath())).isEmpty();
        assertThat(auditEntries()).isEqualTo(entries);
    }

    private int auditEntries() {
        return jdbc.sql("select count(*) from audit_event where entity = 'county-list'").query(Integer.class).single();
    }
}
