package org.jingzhun.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.identification.Application;
import org.jingzhun.identification.HouseholdIdentification;
import org.jingzhun.identification.Round;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.inbox.Inbox;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox counts what waits for the caller's role in the caller's areas, and no further than its cap: three
 * applications of a village of Shilin (530126) show to a clerk of its township as three appraisals to make, as "2+"
 * under a cap of 2 (the count's subquery stops at the cap plus one, as it stops at 10,001 for a national user),
 * and not at all to a clerk of another county or to a reviewer (who makes no appraisal).
 */
@JingzhunTest
@Transactional
class TaskCountsTest {

    static final String COUNTY = "530126";
    static final String TOWNSHIP = "530126001";
    static final String VILLAGE = "530126001001";
    static final Caller TOWNSHIP_CLERK = TestCallers.of("shilin-township-clerk", Set.of(Role.DATA_ENTRY), TOWNSHIP);

    @Autowired
    TaskCounts inbox;
    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSource messages;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void countsStopAtTheCapAndKeepToTheCallersRoleAndAreas() {
        List<Long> ids = List.of(1, 2, 3).stream()
                .map(i -> TestHouseholds.record(households, jdbc, VILLAGE, 2, 2016, new BigDecimal("1500")).id()).toList();
        TestCallers.signIn(TestCallers.of("shilin-reviewer", Set.of(Role.REVIEWER), COUNTY));
        Round round = identification.openRound(new Round.Form(COUNTY, 2016, 7, null, null));
        TestCallers.signIn(TOWNSHIP_CLERK);
        identification.apply(round.id(), ids, Application.Proposer.HOUSEHOLD, "inbox");

        Optional<Inbox.Entry> appraisals = appraisals(inbox.entries(TOWNSHIP_CLERK, Inbox.CAP));
        assertThat(appraisals).isPresent();
        assertThat(appraisals.get().count()).isEqualTo(3);
        assertThat(appraisals.get().capped()).isFalse();
        assertThat(messages.getMessage(appraisals.get().label(), Locale.ENGLISH))
                .isEqualTo("Household identification: " + messages.getMessage("step.APPRAISE", null, Locale.ENGLISH));

        Inbox.Entry capped = appraisals(inbox.entries(TOWNSHIP_CLERK, 2)).orElseThrow();
        assertThat(capped.count()).isEqualTo(2);
        assertThat(capped.capped()).isTrue();
        assertThat(appraisals(inbox.entries(TOWNSHIP_CLERK, 3)).orElseThrow().capped()).isFalse();

        assertThat(appraisals(inbox.entries(TestCallers.of("songming-clerk", Set.of(Role.DATA_ENTRY), "530127"), Inbox.CAP)))
                .isEmpty();
        assertThat(appraisals(inbox.entries(TestCallers.of("shilin-reviewer", Set.of(Role.REVIEWER), COUNTY), Inbox.CAP)))
                .isEmpty();
    }

    private static Optional<Inbox.Entry> appraisals(List<Inbox.Entry> entries) {
        return entries.stream().filter(e -> e.link().equals("/procedures/cases?procedure=HOUSEHOLD&stage=APPLIED&filter=READY"))
                .findFirst();
    }
}
