package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdForm.MemberForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Household search: its plan stays the one for the values it runs with however often it runs on a connection
 * (issue 11, item 15), and names match by their beginning within the caller's areas (issue 13, item 5).
 * Its households are in Hongta district (530402), which no other test uses.
 */
@JingzhunTest
@Transactional // one connection for the whole test, as a pooled connection serves many searches
class HouseholdSearchTest {

    static final String COUNTY = "530402";
    static final String VILLAGE = "530402001001";
    static final Caller HONGTA = TestCallers.of("hongta-clerk", EnumSet.of(Role.DATA_ENTRY), COUNTY);
    /** HouseholdRegister.MANY_NAMESAKES: from this many namesakes on, the search walks the households. */
    static final int MANY_NAMESAKES = 1000;
    static final Caller JIANGCHUAN = TestCallers.of("jiangchuan-clerk", EnumSet.of(Role.DATA_ENTRY), "530403");

    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(HONGTA);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void theSearchStatementNeverFallsBackToAGenericPlan() {
        for (int i = 0; i < 3; i++) {
            households.create(household(i, "赵" + i), null);
        }
        // pgjdbc prepares a statement on the server at its 5th run on a connection; PostgreSQL then tries 5 plans
        // for the values and afterwards takes its generic plan whenever that looks no dearer: 25 runs pass both.
        for (int i = 0; i < 25; i++) {
            assertThat(households.search(query(VILLAGE, null, null)).households()).hasSize(3);
        }
        List<Map<String, Object>> prepared = jdbc.sql("""
                select generic_plans, custom_plans from pg_prepared_statements
                 where statement like '%from household h%left join member head%'""").query().listOfRows();
        assertThat(prepared).as("the search statement is prepared on the server, so that a generic plan could be taken")
                .isNotEmpty();
        assertThat(prepared).allSatisfy(plans -> {
            assertThat(((Number) plans.get("generic_plans")).longValue()).as("generic plans").isZero();
            assertThat(((Number) plans.get("custom_plans")).longValue()).as("plans for the values").isGreaterThan(5);
        });
    }

    @Test
    void namesMatchByTheirBeginningWithinTheCallersAreas() {
        Household li = households.create(household(0, "李建国"), null);
        Household wildcard = households.create(household(1, "王_明"), null);

        assertThat(ids(query(null, "李", null))).contains(li.id());
        assertThat(ids(query(null, "李建", null))).contains(li.id());
        assertThat(ids(query(null, "李建国", null))).contains(li.id());
        assertThat(ids(query(VILLAGE, "李", null))).contains(li.id());
        assertThat(ids(query(null, "建国", null))).as("the middle of a name is not its beginning").doesNotContain(li.id());
        assertThat(ids(query(null, "李建国强", null))).doesNotContain(li.id());
        assertThat(ids(query("530402001002", "李", null))).as("another village").doesNotContain(li.id());
        assertThat(ids(query(null, "王_", null))).containsExactly(wildcard.id());
        assertThat(ids(query(null, "_", null))).as("a wildcard is taken as typed").isEmpty();
        assertThat(ids(query(null, "%", null))).isEmpty();
        assertThat(ids(query(null, "李", Household.Status.CANDIDATE))).contains(li.id());

        TestCallers.signIn(JIANGCHUAN);
        assertThat(ids(query(null, "李", null))).as("outside the caller's areas").doesNotContain(li.id());
    }

    /** A name shared by many is found walking the area's households in order, one by few through the name index. */
    @Test
    void aNameOfManyAndANameOfFewAreBothFound() {
        Household few = households.create(household(0, "钱多多"), null);
        long many = jdbc.sql("""
                insert into household (village_code, county_code, category, status) values (:village, left(:village, 6), 'GENERAL', 'NON_POOR')
                returning id""")
                .param("village", VILLAGE).query(Long.class).single();
        int inserted = jdbc.sql("""
                insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                select :id, :village, left(:village, 6), '钱' || n, case when n = 1 then :headId else '5304021931' || lpad(n::text, 8, '0') end,
                       case when n = 1 then 'HEAD' else 'CHILD' end,
                       'MALE', date '1931-01-01'
                  from generate_series(1, :count) n""")
                .param("id", many).param("village", VILLAGE).param("headId", idNumber(COUNTY + "19310101901")).param("count", MANY_NAMESAKES).update();
        assertThat(inserted).isEqualTo(MANY_NAMESAKES);
        assertThat(ids(query(null, "钱", null))).contains(many, few.id());
        assertThat(ids(query(null, "钱多", null))).containsExactly(few.id());
    }

    /**
     * The households of many namesakes are counted from the name index: exactly when all of them are read within
     * twice {@link Households#COUNTED}, "10,000+" when that many are in more households than that, and in full when
     * that many live in few households.
     */
    @Test
    void theHouseholdsOfManyNamesakesAreCounted() {
        long few = households.create(household(0, "孙一"), null).id();
        assertThat(households.search(query(null, "孙", null)).total()).isEqualTo(1);
        jdbc.sql("""
                with made as (insert into household (village_code, county_code, category, status)
                              select :village, left(:village, 6), 'GENERAL', 'NON_POOR' from generate_series(1, :households)
                              returning id)
                insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                select made.id, :village, left(:village, 6), '孙' || n, '5304021932' || lpad((made.id * 2 + n)::text, 8, '0'),
                       case when n = 1 then 'HEAD' else 'CHILD' end, 'MALE', date '1932-01-01'
                  from made cross join generate_series(1, 2) n""")
                .param("village", VILLAGE).param("households", Households.COUNTED).update();
        Households.Page all = households.search(query(null, "孙", null));
        assertThat(all.total()).as("all namesakes read: their households exactly").isEqualTo(Households.COUNTED + 1);
        assertThat(all.beyondCount()).isTrue();
        assertThat(all.households()).extracting(HouseholdSummary::id).contains(few);

        long big = jdbc.sql("""
                insert into household (village_code, county_code, category, status) values (:village, left(:village, 6), 'GENERAL', 'NON_POOR')
                returning id""").param("village", VILLAGE).query(Long.class).single();
        jdbc.sql("""
                insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                select :id, :village, left(:village, 6), '周' || n, '5304021933' || lpad(n::text, 8, '0'),
                       case when n = 1 then 'HEAD' else 'CHILD' end, 'MALE', date '1933-01-01'
                  from generate_series(1, :count) n""")
                .param("id", big).param("village", VILLAGE).param("count", 2 * (Households.COUNTED + 1)).update();
        households.create(household(1, "周二"), null);
        assertThat(households.search(query(null, "周", null)).total()).as("many namesakes in two households").isEqualTo(2);
    }

    /** The pages of many namesakes list their households in each order a list takes, page after page. */
    @Test
    void thePagesOfManyNamesakesFollowTheListsOrder() {
        List<String> villages = List.of("530402001002", VILLAGE, "530402001002", VILLAGE);
        List<Long> made = new java.util.ArrayList<>();
        for (int i = 0; i < villages.size(); i++) {
            long id = jdbc.sql("""
                    insert into household (village_code, county_code, category, status) values (:village, left(:village, 6), 'GENERAL', 'NON_POOR')
                    returning id""").param("village", villages.get(i)).query(Long.class).single();
            jdbc.sql("""
                    insert into member (household_id, village_code, county_code, name, id_number, relation, sex, birth_date)
                    select :id, :village, left(:village, 6), '吴' || n, '5304021' || :i || '4' || lpad(n::text, 8, '0'),
                           case when n = 1 then 'HEAD' else 'CHILD' end, 'MALE', date '1934-01-01'
                      from generate_series(1, :count) n""")
                    .param("id", id).param("village", villages.get(i)).param("i", i + 10).param("count", MANY_NAMESAKES / 3).update();
            made.add(id);
        }
        List<Long> byVillage = List.of(made.get(1), made.get(3), made.get(0), made.get(2));
        Map<String, List<Long>> orders = Map.of("", byVillage, "oldest", made, "newest", made.reversed());
        orders.forEach((sort, expected) -> {
            List<Long> listed = new java.util.ArrayList<>();
            for (int page = 0; page < expected.size(); page++) {
                Households.Page one = households.search(new Households.Query(null, "吴", null, null, null, null, null, null, page, 1,
                        null, sort));
                assertThat(one.total()).isEqualTo(expected.size());
                assertThat(one.more()).as("page %d of %s", page, sort).isEqualTo(page < expected.size() - 1);
                one.households().forEach(household -> listed.add(household.id()));
            }
            assertThat(listed).as(sort).containsExactlyElementsOf(expected);
        });
    }

    /**
     * Every column a list's total reads is in the index it is counted along (the caller's counties included), so
     * that the total is read from the index alone, not from the table (an index-only scan, once the table's pages
     * are all visible, as the autovacuum leaves them).
     */
    @Test
    void theTotalsAreCountedFromTheIndexesAlone() {
        Map<String, String> indexes = new java.util.HashMap<>();
        jdbc.sql("select indexname, indexdef from pg_indexes where indexname in ('household_village', 'household_status', 'member_name')")
                .query(rs -> {
                    indexes.put(rs.getString(1), rs.getString(2));
                });
        assertThat(indexes.get("household_village")).as("an area's households").contains("(village_code, id) INCLUDE (county_code)");
        assertThat(indexes.get("household_status")).as("a status in an area")
                .contains("(status, village_code, id) INCLUDE (county_code)");
        assertThat(indexes.get("member_name")).as("the households of namesakes")
                .contains("(name text_pattern_ops, village_code) INCLUDE (county_code, household_id)");
    }

    @Test
    void aSearchIsPlannedForItsValuesWithoutParallelWorkers() {
        households.search(sorted(null));
        // The settings hold for the search's transaction (the test's own), and for nothing after it.
        assertThat(jdbc.sql("select current_setting('max_parallel_workers_per_gather')").query(String.class).single()).isEqualTo("0");
        assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single()).isEqualTo("force_custom_plan");
    }

    @Test
    void aNamePrefixIsServedByTheNameIndex() {
        jdbc.sql("set local enable_seqscan = off").update(); // the test's few rows would otherwise be read whole
        String plan = String.join("\n", jdbc.sql("""
                explain select m.household_id from member m where m.name like '李建%'""")
                .query(String.class).list());
        assertThat(plan).contains("member_name").containsPattern("Index Cond: .*name ~>=~");
    }

    @Test
    void aSearchCountsItsMatchesAndSortsOnlyInTheIndexedOrders() {
        List<Long> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(households.create(household(i, "钱" + i), null).id());
        }
        Households.Page byVillage = households.search(sorted(null));
        assertThat(byVillage.total()).isEqualTo(3);
        assertThat(byVillage.beyondCount()).isFalse();
        assertThat(ids(sorted("newest"))).containsExactlyElementsOf(made.reversed());
        assertThat(ids(sorted("oldest"))).containsExactlyElementsOf(made);
        // Anything but a known order is the default one: no text of the request reaches the SQL.
        assertThat(ids(sorted("h.id desc; select pg_sleep(1)"))).containsExactlyElementsOf(made);
        Households.Page onePerPage = households.search(new Households.Query(VILLAGE, null, null, null, null, null, null, null,
                1, 1, null, "newest"));
        assertThat(onePerPage.total()).as("the count is of every match, not of the page").isEqualTo(3);
        assertThat(onePerPage.households()).extracting(HouseholdSummary::id).containsExactly(made.get(1));
    }

    private static Households.Query sorted(String sort) {
        return new Households.Query(VILLAGE, null, null, null, null, null, null, null, 0, 50, null, sort);
    }

    private List<Long> ids(Households.Query query) {
        return households.search(query).households().stream().map(HouseholdSummary::id).toList();
    }

    private static Households.Query query(String area, String name, Household.Status status) {
        return new Households.Query(area, name, null, status, null, null, null, null, 0, 50);
    }

    /** A household of one in the test's village; {@code n} keeps the ID numbers apart. */
    private static HouseholdForm household(int n, String headName) {
        String id = idNumber(COUNTY + "19310101" + (700 + 2 * n + 1)); // odd: a man
        MemberForm head = new MemberForm(headName, id, "HEAD", null, null, "汉族", "PRIMARY", null, "HEALTHY", null,
                "FULL", null, null, null);
        return new HouseholdForm(VILLAGE, null, null, null, "GENERAL", "ILLNESS", List.of(), null, null, null, null,
                null, Map.of(2014, new BigDecimal("2000")), List.of(head));
    }

    private static String idNumber(String first17) {
        return first17 + ResidentId.checkCharacter(first17);
    }
}
