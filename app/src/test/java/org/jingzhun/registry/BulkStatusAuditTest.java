package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.identification.TestHouseholds;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 12, item 11: a bulk status change audits each household with what it replaced, not only what it wrote.
 * Item 5: its refusal names a household as the pages do, not by an internal id.
 */
@JingzhunTest
@Transactional
class BulkStatusAuditTest {

    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProblemMessages messages;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void eachHouseholdOfABulkChangeIsAuditedWithItsBeforeValue() {
        Household first = TestHouseholds.record(households, jdbc, "530102002001", 2, 2015, new BigDecimal("1500"));
        Household second = TestHouseholds.record(households, jdbc, "530102002001", 1, 2015, null);
        TestCallers.signIn(TestCallers.of("bulk-reviewer", EnumSet.of(Role.REVIEWER), "530102"));
        assertThat(households.changeStatuses(List.of(first.id(), second.id()), Household.Status.CANDIDATE,
                Household.Status.REGISTERED, 2015, "identification 2015: announced")).isEqualTo(2);

        for (Household household : List.of(first, second)) {
            Map<String, Object> audit = jdbc.sql("""
                            select before ->> 'status' as before_status, before -> 'registeredYear' as before_year,
                                   after ->> 'status' as after_status, after ->> 'registeredYear' as after_year
                              from audit_event where entity = 'household' and entity_id = :id and action = 'status-registered'""")
                    .param("id", Long.toString(household.id())).query().singleRow();
            assertThat(audit.get("before_status")).isEqualTo("CANDIDATE");
            assertThat(String.valueOf(audit.get("before_year")))
                    .isEqualTo(household.registeredYear() == null ? "null" : household.registeredYear().toString());
            assertThat(audit.get("after_status")).isEqualTo("REGISTERED");
            assertThat(audit.get("after_year")).isEqualTo("2015");
        }
    }

    @Test
    void aRefusedBulkChangeNamesTheHouseholdsTheCallerReachesAndKeepsTheOtherIds() {
        Household household = TestHouseholds.record(households, jdbc, "530102002001", 1, 2015, null);
        String head = household.head().name();
        String masked = household.head().idNumber().substring(0, 6) + "********" + household.head().idNumber().substring(14);
        long unknown = Long.MAX_VALUE - 7;
        TestCallers.signIn(TestCallers.of("bulk-reviewer", EnumSet.of(Role.REVIEWER), "530102"));
        DomainException refused = org.assertj.core.api.Assertions.catchThrowableOfType(DomainException.class,
                () -> households.changeStatuses(List.of(household.id(), unknown), Household.Status.REGISTERED,
                        Household.Status.EXITED, 2015, "income above the line"));
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            assertThat(refused.fieldProblems()).extracting(messages::text).containsExactly(
                    "Household " + head + " (" + masked + ", " + jdbc.sql("select name from area where code = '530102002001'")
                            .query(String.class).single() + ") is not at Registered poor or not in your areas.",
                    "Household " + unknown + " is not at Registered poor or not in your areas.");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}
