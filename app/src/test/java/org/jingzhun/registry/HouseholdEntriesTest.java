package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumSet;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 16, item 1: the registry's bulk entry writes what another module staged under the form's rules: households
 * with their first status history row, members and incomes, each household audited; a staging that breaks a rule
 * enters nothing and names the rule.
 */
@JingzhunTest
@Transactional
class HouseholdEntriesTest {

    private static final String VILLAGE = "530102002001";

    @Autowired
    HouseholdEntries entries;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void stagedHouseholdsEnterWithTheirHistoryMembersIncomesAndAudit() {
        TestCallers.signIn(TestCallers.of("entry-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
        String key = TestPeople.newHouseholdPrefix() + "1";
        String head = TestPeople.newIdNumber(jdbc, "530102", true);
        String child = TestPeople.newIdNumber(jdbc, "530102", false);
        entries.stage();
        household(key, VILLAGE);
        member(key, 0, head, "HEAD");
        member(key, 1, child, "CHILD");
        jdbc.sql("insert into pg_temp.entry_income (household_key, year, amount) values (:key, 2014, 1800)")
                .param("key", key).update();

        HouseholdEntries.Entered entered = entries.enter("import", "a test's entry", true, "Entry test");

        assertThat(entered).isEqualTo(new HouseholdEntries.Entered(1, 2, 1));
        long id = jdbc.sql("select household_id from member where id_number = :id").param("id", head).query(Long.class).single();
        assertThat(jdbc.sql("select external_ref from household where id = :id").param("id", id).query(String.class).single())
                .isEqualTo(key);
        assertThat(jdbc.sql("select count(*) from member where household_id = :id and village_code = :village")
                .param("id", id).param("village", VILLAGE).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select to_status from household_status_event where household_id = :id and from_status is null")
                .param("id", id).query(String.class).single()).isEqualTo("CANDIDATE");
        assertThat(jdbc.sql("""
                        select after -> 'members' -> 1 ->> 'idNumber' from audit_event
                         where entity = 'household' and entity_id = :id and action = 'import' and reason = 'a test''s entry'""")
                .param("id", Long.toString(id)).query(String.class).single()).isEqualTo(child);
    }

    @Test
    void aStagingThatBreaksARuleEntersNothingAndNamesIt() {
        TestCallers.signIn(TestCallers.of("entry-clerk", EnumSet.of(Role.DATA_ENTRY), "530102"));
        String prefix = TestPeople.newHouseholdPrefix();
        String outside = TestPeople.newIdNumber(jdbc, "530103", true);
        entries.stage();
        household(prefix + "out", "530103001001"); // a village of another county than the clerk's
        member(prefix + "out", 0, outside, "HEAD");
        assertRefused("villageCode", "household.village.unknown");

        String first = TestPeople.newIdNumber(jdbc, "530102", true);
        String second = TestPeople.newIdNumber(jdbc, "530102", false);
        entries.stage();
        household(prefix + "two", VILLAGE);
        member(prefix + "two", 0, first, "HEAD");
        member(prefix + "two", 1, second, "HEAD");
        assertRefused("relation", "household.members.one-head");
        assertThat(jdbc.sql("select count(*) from member where id_number = any(:ids)")
                .param("ids", new String[] {outside, first, second}).query(Integer.class).single()).isZero();
    }

    private void assertRefused(String field, String key) {
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> entries.enter("import", null, true, "Entry test"));
        assertThat(refused.fieldProblems()).extracting(DomainException.FieldProblem::field, DomainException.FieldProblem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, key));
    }

    private void household(String key, String village) {
        jdbc.sql("insert into pg_temp.entry_household (household_key, village_code, category, external_ref)"
                + " values (:key, :village, 'GENERAL', :key)").param("key", key).param("village", village).update();
    }

    private void member(String key, int position, String idNumber, String relation) {
        jdbc.sql("""
                insert into pg_temp.entry_member (household_key, position, name, id_number, relation, sex, birth_date)
                values (:key, :position, :name, :id, :relation, :sex, to_date(substr(:id, 7, 8), 'YYYYMMDD'))""")
                .param("key", key).param("position", position).param("name", "测试" + position).param("id", idNumber)
                .param("relation", relation).param("sex", (idNumber.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE")
                .update();
    }
}
