package org.jingzhun.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.ChinaClock;
import org.jingzhun.platform.Role;
import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Without anyone asking, the background refresher brings a village's figures up to date after a committed
 * change made in plain SQL (as any writer could). It waits for that to happen, however long the machine takes;
 * how long it takes is measured by StatisticsBenchmark, not asserted here. Urumqi, where no other test records anyone.
 */
@JingzhunTest
class RollupRefresherTest {

    private static final String VILLAGE = "650102002002";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Statistics statistics;
    @Autowired
    RollupRefresher refresher;
    @Autowired
    org.jingzhun.registry.HouseholdsWritten written;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(TestCallers.of("reader", EnumSet.of(Role.ANALYST), ""));
    }

    @Test
    void aCommittedChangeReachesTheFiguresWithoutARefreshBeingAsked() throws InterruptedException {
        long id = jdbc.sql("""
                insert into household (village_code, county_code, category, status) values (:v, left(:v, 6), 'GENERAL', 'NON_POOR')
                returning id""")
                .param("v", VILLAGE).query(Long.class).single();
        jdbc.sql("""
                insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                values (:id, :v, left(:v, 6), '测试', '650102198001010019', 'HEAD', 'MALE', date '1980-01-01')""")
                .param("id", id).param("v", VILLAGE).update();
        written.recorded(new Long[] {id});
        assertThat(residents()).isEqualTo(1);

        // A status changes with its history (the registry's household_status_event), which the figures read.
        jdbc.sql("update household set status = 'REGISTERED', registered_year = :year where id = :id")
                .param("year", ChinaClock.thisYear()).param("id", id).update();
        jdbc.sql("""
                insert into household_status_event (household_id, county_code, day, year, from_status, to_status, reason, recorded_at)
                values (:id, left(:v, 6), :day, :year, 'NON_POOR', 'REGISTERED', 'identified', :at)""")
                .param("id", id).param("day", ChinaClock.today()).param("year", ChinaClock.thisYear())
                .param("at", ChinaClock.now()).param("v", VILLAGE).update();
        written.changed(new Long[] {id});
        refresher.awaitNextRound();
        assertThat(poorResidents()).isEqualTo(1);
        assertThat(statistics.trend("65")).extracting(Indicators::registeredPeople).contains(1L);
        assertThat(jdbc.sql("select count(*) from statistics_dirty_village where village_code = :v").param("v", VILLAGE)
                .query(Long.class).single()).isZero();
    }

    @AfterEach
    void remove() {
        written.changed(jdbc.sql("select id from household where village_code = :v").param("v", VILLAGE).query(Long.class)
                .list().toArray(Long[]::new));
        jdbc.sql("delete from person where household_id in (select id from household where village_code = :v)").param("v", VILLAGE).update();
        jdbc.sql("delete from member where village_code = :v").param("v", VILLAGE).update();
        jdbc.sql("delete from household where village_code = :v").param("v", VILLAGE).update();
        statistics.refresh();
        TestCallers.signOut();
    }

    /** The village's residents once a round of the background refresher that began after the change has ended. */
    private long residents() throws InterruptedException {
        refresher.awaitNextRound();
        return figures().residents();
    }

    private long poorResidents() {
        return figures().poorResidents();
    }

    private Indicators figures() {
        return statistics.figures(VILLAGE, ChinaClock.thisYear()).indicators();
    }
}
