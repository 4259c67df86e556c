package org.jingzhun.identification;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.HouseholdForm;
import org.jingzhun.registry.Households;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Households recorded as a clerk of their county would, with new ID numbers, for the identification tests. */
public final class TestHouseholds {

    private TestHouseholds() {
    }

    /**
     * A candidate household of the village with this many members (the first the head) and this income of the
     * year (null: none recorded). Leaves nobody signed in.
     */
    public static Household record(Households households, JdbcClient jdbc, String village, int members, int year,
                                   BigDecimal income) {
        String county = village.substring(0, 6);
        TestCallers.signIn(TestCallers.of("clerk-" + county, Set.of(Role.DATA_ENTRY), county));
        try {
            List<HouseholdForm.MemberForm> people = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                String idNumber = TestPeople.newIdNumber(jdbc, county, i % 2 == 0);
                people.add(new HouseholdForm.MemberForm((i == 0 ? "户主" : "成员") + idNumber.substring(14), idNumber,
                        i == 0 ? "HEAD" : "CHILD", null, null, null, null, null, null, null, null, null, null, null));
            }
            return households.create(new HouseholdForm(village, null, null, null, "GENERAL", "ILLNESS", List.of(), null, null,
                    null, null, null, income == null ? Map.of() : Map.of(year, income), people), "record creation");
        } finally {
            TestCallers.signOut();
        }
    }
}
