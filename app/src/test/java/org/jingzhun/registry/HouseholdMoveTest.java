package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdForm.MemberForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shardable by county (issue 16, item 3): a household moves to another county keeping its id and history, its rows
 * carrying the new county; the move waits for the procedures holding it to end; a person is kept once nationally by the
 * person index; a caller of counties is scoped by county code too. In Xigu (620104) and Anning (620105) of Lanzhou, where
 * no other test records anyone.
 */
@JingzhunTest
@Transactional
class HouseholdMoveTest {

    static final String FROM = "620104";
    static final String TO = "620105";
    static final Caller CLERK = TestCallers.of("lanzhou-two-counties-clerk", EnumSet.of(Role.DATA_ENTRY), FROM, TO);

    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    String fromVillage;
    String toVillage;

    @BeforeEach
    void villages() {
        fromVillage = village(FROM);
        toVillage = village(TO);
        TestCallers.signIn(CLERK);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void aHouseholdMovesToAnotherCountyKeepingItsIdAndHistory() {
        Household household = record(fromVillage, TestPeople.newIdNumber(jdbc, FROM, true), TestPeople.newIdNumber(jdbc, FROM, false));
        Household read = households.leave(household.id(), household.version(),
                new HouseholdForm.Departure(household.members().get(1).idNumber(), "2020-05-01", "MARRIAGE_OUT"), null, "出嫁");

        Household moved = households.move(household.id(), read.version(), toVillage, "易地扶贫搬迁");

        assertThat(moved.id()).isEqualTo(household.id());
        assertThat(moved.villageCode()).isEqualTo(toVillage);
        assertThat(moved.incomes()).containsEntry(2014, new BigDecimal("2100.00"));
        // Every row of the household is in the new county, its history whole.
        for (String table : List.of("household where id", "member where household_id", "household_income where household_id",
                "household_status_event where household_id", "member_event where household_id", "person where household_id")) {
            assertThat(jdbc.sql("select distinct county_code from " + table + " = :id").param("id", household.id())
                    .query(String.class).list()).as(table).containsExactly(TO);
        }
        assertThat(households.memberHistory(household.id())).extracting(MemberChange::reason).contains("MARRIAGE_OUT");
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'household' and entity_id = :id and action = 'move'")
                .param("id", Long.toString(household.id())).query(Long.class).single()).isEqualTo(1);
        // Both villages' figures are recomputed: the registry logged them in the move's transaction.
        assertThat(jdbc.sql("select village_code from registry_change where village_code in (:from, :to)")
                .param("from", fromVillage).param("to", toVillage).query(String.class).list()).contains(fromVillage, toVillage);
        // On the API too.
        Household back = households.get(household.id());
        assertThat(mvc.post().uri("/api/v1/households/" + household.id() + "/move?version=" + back.version())
                .contentType("application/json").content("{\"villageCode\": \"" + fromVillage + "\"}").with(TestCallers.as(CLERK))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .hasStatusOk().bodyJson().extractingPath("$.villageCode").isEqualTo(fromVillage);
    }

    @Test
    void aMoveWaitsForTheProceduresHoldingTheHouseholdToEnd() {
        Household household = record(fromVillage, TestPeople.newIdNumber(jdbc, FROM, true));
        jdbc.sql("""
                insert into procedure_case (procedure, subject_id, county_code, area_code, holder, stage, stage_since)
                values ('HOUSEHOLD', -:id, :county, :village, :id, 'APPLIED', current_date)""")
                .param("id", household.id()).param("county", FROM).param("village", fromVillage).update();

        assertThatThrownBy(() -> households.move(household.id(), household.version(), toVillage, null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field, DomainException.FieldProblem::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("villageCode", "open-procedure"));
                });
        // The edit form naming the other county's village is the same move, refused the same way.
        assertThatThrownBy(() -> households.update(household.id(), household.version(),
                form(toVillage, household.members().getFirst().idNumber()), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("household.move.open-procedure"));
        // A move within the county is no move of shard: allowed.
        String neighbour = jdbc.sql("select max(code) from area where level = 5 and code like :county")
                .param("county", FROM + "%").query(String.class).single();
        Household relocated = households.update(household.id(), household.version(), form(neighbour, household.members().getFirst().idNumber()),
                "搬到邻村");
        assertThat(relocated.villageCode()).isEqualTo(neighbour);

        // Once the procedure has ended (in the county that held it), the household moves; the case stays there.
        jdbc.sql("update procedure_case set ended = true where holder = :id").param("id", household.id()).update();
        Household moved = households.update(household.id(), relocated.version(), form(toVillage, household.members().getFirst().idNumber()),
                "搬迁");
        assertThat(moved.villageCode()).isEqualTo(toVillage);
        assertThat(jdbc.sql("select action from audit_event where entity = 'household' and entity_id = :id order by id")
                .param("id", Long.toString(household.id())).query(String.class).list()).containsExactly("create", "relocate", "move");
        assertThat(jdbc.sql("select county_code from procedure_case where holder = :id").param("id", household.id())
                .query(String.class).single()).isEqualTo(FROM);
    }

    @Test
    void aPersonIsOnTheRegisterOnceNationallyWhicheverCounty() {
        String person = TestPeople.newIdNumber(jdbc, FROM, true);
        record(fromVillage, person);
        assertThat(jdbc.sql("select county_code from person where id_number = :n").param("n", person).query(String.class).single())
                .isEqualTo(FROM);

        // Another county's household naming the person is refused as before.
        assertThatThrownBy(() -> record(toVillage, person)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::code).contains("registered"));

        // The person index decides, not the county's member table: a number it holds for another household is refused.
        String elsewhere = TestPeople.newIdNumber(jdbc, TO, false);
        jdbc.sql("insert into person (id_number, county_code, household_id, member_id) values (:n, '650102', -1, -1)")
                .param("n", elsewhere).update();
        assertThatThrownBy(() -> record(toVillage, elsewhere)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.messageKey()).isEqualTo("member.id.registered-meanwhile");
        });
    }

    @Test
    void aCallerOfCountiesIsScopedByCountyCodeForTheShardsToBePruned() {
        Caller.Restriction scope = CLERK.restrict("h.village_code", "scope", "h.county_code");
        assertThat(scope.sql()).startsWith("h.county_code = any(:scopeCounties) and ((h.village_code >= :scope0 and h.village_code < :scope0End)");
        assertThat((String[]) scope.parameters().get("scopeCounties")).containsExactly(FROM, TO);
        Caller village = TestCallers.of("village-clerk", EnumSet.of(Role.DATA_ENTRY), fromVillage);
        assertThat((String[]) village.restrict("h.village_code", "scope", "h.county_code").parameters().get("scopeCounties"))
                .containsExactly(FROM);
        Caller prefecture = TestCallers.of("prefecture-clerk", EnumSet.of(Role.DATA_ENTRY), "6201");
        assertThat(prefecture.restrict("h.village_code", "scope", "h.county_code").sql()).doesNotContain("county_code");
        assertThat(TestCallers.NATIONAL_ADMINISTRATOR.restrict("h.village_code", "scope", "h.county_code").sql()).isEqualTo("true");
        // Searches read through it.
        Household household = record(fromVillage, TestPeople.newIdNumber(jdbc, FROM, true));
        assertThat(households.get(household.id()).id()).isEqualTo(household.id());
    }

    private String village(String county) {
        return jdbc.sql("select min(code) from area where level = 5 and retired_at is null and code like :county")
                .param("county", county + "%").query(String.class).single();
    }

    private Household record(String village, String... ids) {
        return households.create(form(village, ids), "record creation");
    }

    private static HouseholdForm form(String village, String... ids) {
        List<MemberForm> members = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            members.add(new MemberForm((i == 0 ? "户主" : "成员") + ids[i].substring(14), ids[i], i == 0 ? "HEAD" : "SPOUSE",
                    null, null, null, null, null, null, null, null, null, null, null));
        }
        return new HouseholdForm(village, null, null, null, "GENERAL", "ILLNESS", List.of(), null, null, null, null, null,
                Map.of(2014, new BigDecimal("2100.00")), members);
    }
}
