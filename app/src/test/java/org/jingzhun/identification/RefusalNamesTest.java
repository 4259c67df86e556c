package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 12, item 5: a refused step names each household as the pages show it (the head's name, the masked ID
 * number, the village), not by an internal id, in both languages; a subject the caller does not reach keeps the
 * number the caller gave. Chenggong (530114), 2014.
 */
@JingzhunTest
@Transactional
class RefusalNamesTest {

    static final String COUNTY = "530114";
    static final int YEAR = 2014;
    static final Caller COUNTY_REVIEWER = TestCallers.of("chenggong-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);
    static final Caller OTHER_COUNTY = TestCallers.of("wuhua-names", EnumSet.allOf(Role.class), "530102");

    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProblemMessages messages;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        TestCallers.signOut();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aRefusedStepNamesTheHouseholdNotItsInternalId() {
        String village = jdbc.sql("select min(code) from area where level = 5 and code like '" + COUNTY + "%'")
                .query(String.class).single();
        String villageName = jdbc.sql("select name from area where code = :code").param("code", village).query(String.class).single();
        Caller clerk = TestCallers.of("chenggong-clerk", EnumSet.of(Role.DATA_ENTRY), village);
        Household household = TestHouseholds.record(households, jdbc, village, 2, YEAR, new BigDecimal("1000"));
        String head = household.head().name();
        String masked = household.head().idNumber().substring(0, 6) + "********" + household.head().idNumber().substring(14);
        TestCallers.signIn(COUNTY_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));
        TestCallers.signIn(clerk);
        identification.apply(round.id(), List.of(household.id()), Application.Proposer.HOUSEHOLD, null);
        long application = identification.applications(new HouseholdIdentification.Query(round.id(), village, null, 0, 10))
                .applications().getFirst().id();

        DomainException twice = refusal(() -> identification.apply(round.id(), List.of(household.id()),
                Application.Proposer.HOUSEHOLD, null));
        DomainException outOfOrder = refusal(() -> identification.step(new StepRequest(Step.VERIFY, List.of(application), true,
                null, null, null, null, null)));
        for (DomainException refused : List.of(twice, outOfOrder)) {
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            assertThat(messages.text(refused.fieldProblems().getFirst())).contains(head + " (" + masked + ", " + villageName + ")");
            LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
            assertThat(messages.text(refused.fieldProblems().getFirst())).contains(head + "（" + masked + "，" + villageName + "）");
        }

        TestCallers.signIn(OTHER_COUNTY);
        DomainException unreached = refusal(() -> identification.step(new StepRequest(Step.APPRAISE, List.of(application), true,
                null, null, null, new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3), null)));
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(messages.text(unreached.fieldProblems().getFirst())).startsWith(application + " ").doesNotContain(head);
    }

    static DomainException refusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
