package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members keep their history (issue 16, item 2): a household splits, a member dies, another moves away and is registered
 * elsewhere, a household merges into another; each is in the households' member history, on the API and the page, and
 * in the year's statistics (people on the register at the end of each year). In Qilihe district of Lanzhou (620103),
 * where no other test records anyone.
 */
@JingzhunTest
@Transactional
class MemberHistoryTest {

    static final String COUNTY = "620103";
    static final String VILLAGE = "620103001001";
    static final Caller CLERK = TestCallers.of("qilihe-clerk", EnumSet.of(Role.DATA_ENTRY), COUNTY);
    static final Caller REVIEWER = TestCallers.of("qilihe-reviewer", EnumSet.of(Role.REVIEWER), COUNTY);

    @Autowired
    Households households;
    @Autowired
    Statistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvcTester mvc;

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void aHouseholdThatSplitsAndAMemberWhoDiesAreInTheHistoryAndInTheYearsFigures() throws Exception {
        List<String> ids = people(4);
        Household household = record(ids);
        TestCallers.signIn(REVIEWER);
        households.changeStatuses(List.of(household.id()), Household.Status.CANDIDATE, Household.Status.REGISTERED, 2014,
                "announced");
        TestCallers.signIn(CLERK);
        Household read = households.get(household.id());

        // The two youngest members leave on 2016-05-01 and form a household of their own, headed by the third.
        Household formed = households.split(household.id(), read.version(),
                new Households.Split(List.of(ids.get(2), ids.get(3)), ids.get(2), "2016-05-01", null), "分户");
        assertThat(formed.villageCode()).isEqualTo(VILLAGE);
        assertThat(formed.head().idNumber()).isEqualTo(ids.get(2));
        assertThat(formed.formedFrom()).isEqualTo(household.id());
        assertThat(formed.formedOn()).isEqualTo(LocalDate.of(2016, 5, 1));
        assertThat(formed.members()).extracting(Member::idNumber).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        read = households.get(household.id());
        assertThat(read.members()).extracting(Member::idNumber).containsExactly(ids.get(0), ids.get(1));

        // The second member dies on 2018-03-10.
        read = households.leave(household.id(), read.version(), new HouseholdForm.Departure(ids.get(1), "2018-03-10", "DEATH"),
                null, "死亡");
        assertThat(read.members()).extracting(Member::idNumber).containsExactly(ids.get(0));

        List<MemberChange> history = households.memberHistory(household.id());
        // First the members recorded with the household (joined with it), then what happened, in the order it happened.
        assertThat(history.subList(0, 4)).extracting(MemberChange::kind, MemberChange::reason, MemberChange::idNumber)
                .containsExactlyInAnyOrder(ids.stream().map(id -> tuple(MemberChange.Kind.JOIN, null, id)).toArray(
                        org.assertj.core.groups.Tuple[]::new));
        assertThat(history.subList(4, 7)).extracting(MemberChange::kind, MemberChange::reason, MemberChange::day,
                        MemberChange::otherHousehold)
                .containsExactlyInAnyOrder(
                        tuple(MemberChange.Kind.LEAVE, "SPLIT", LocalDate.of(2016, 5, 1), formed.id()),
                        tuple(MemberChange.Kind.LEAVE, "SPLIT", LocalDate.of(2016, 5, 1), formed.id()),
                        tuple(MemberChange.Kind.LEAVE, "DEATH", LocalDate.of(2018, 3, 10), null));
        assertThat(history.getLast().recordedBy()).isEqualTo("qilihe-clerk");
        assertThat(history.getLast().recordedAt()).isNotNull();
        assertThat(households.memberHistory(formed.id())).extracting(MemberChange::kind, MemberChange::reason,
                MemberChange::otherHousehold).containsExactly(tuple(MemberChange.Kind.JOIN, "SPLIT", household.id()),
                tuple(MemberChange.Kind.JOIN, "SPLIT", household.id()));

        // On the API and the page.
        assertThat(mvc.get().uri("/api/v1/households/" + household.id() + "/member-history").with(TestCallers.as(CLERK)))
                .hasStatusOk().bodyJson().extractingPath("$[*].reason").asArray().contains("SPLIT", "DEATH");
        assertThat(mvc.get().uri("/households/" + household.id()).with(TestCallers.as(CLERK)).header("Accept-Language", "en"))
                .hasStatusOk().bodyText().contains("member-history", "Died", "Split into a new household", "2018-03-10");
        assertThat(mvc.get().uri("/households/" + formed.id()).with(TestCallers.as(CLERK)).header("Accept-Language", "zh-CN"))
                .hasStatusOk().bodyText().contains("分户");

        // People on the register at the end of each year: the split moves two people, the death takes one off in 2018.
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        statistics.refresh();
        assertThat(figures(2015)).containsExactly(1L, 4L, 1L, 4L);
        assertThat(figures(2016)).containsExactly(2L, 4L, 2L, 4L);
        assertThat(figures(2017)).containsExactly(2L, 4L, 2L, 4L);
        assertThat(figures(2018)).containsExactly(2L, 3L, 2L, 3L);
        assertThat(statistics.figures(VILLAGE, 2016).indicators().registeredHouseholds()).isZero(); // a split registers nobody
        assertThat(statistics.figures(COUNTY, 2018).indicators().poorResidents()).isEqualTo(3);

        // The household formed merges back on 2019-02-01: it ends, keeping its record, and its people count in the other.
        TestCallers.signIn(CLERK);
        Household ended = households.merge(formed.id(), households.get(formed.id()).version(), household.id(), "2019-02-01", "合户");
        assertThat(ended.ended()).isTrue();
        assertThat(ended.mergedInto()).isEqualTo(household.id());
        assertThat(ended.members()).isEmpty();
        assertThat(ended.headName()).isEqualTo(formed.head().name());
        assertThat(households.get(household.id()).members()).hasSize(3);
        assertThatThrownBy(() -> households.leave(formed.id(), ended.version(),
                new HouseholdForm.Departure(ids.get(2), "2019-03-01", "DEATH"), null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("household.ended"));
        assertThat(mvc.get().uri("/households/" + formed.id()).with(TestCallers.as(CLERK))).hasStatusOk();
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        statistics.refresh();
        assertThat(figures(2018)).containsExactly(2L, 3L, 2L, 3L);
        assertThat(figures(2019)).containsExactly(1L, 3L, 1L, 3L);
    }

    @Test
    void anEditAsksHowAndWhenMembersLeftAndJoinedAndKeepsIncomes() {
        List<String> ids = people(3);
        Household household = record(ids);
        TestCallers.signIn(CLERK);
        List<MemberForm> withoutTheLast = forms(household, ids).subList(0, 2);
        // Removed without a departure: refused naming what to give.
        assertThatThrownBy(() -> households.update(household.id(), household.version(), form(household, withoutTheLast,
                Map.of(), List.of()), "edit"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).containsExactly("departures"));
        assertThatThrownBy(() -> households.update(household.id(), household.version(), form(household, withoutTheLast,
                Map.of(), List.of(new HouseholdForm.Departure(ids.get(2), "", "SPLIT"))), "edit"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field)
                        .containsExactlyInAnyOrder("departures[0].day", "departures[0].reason"));
        // Added without the day and reason of joining: refused naming both fields.
        String newborn = TestPeople.newIdNumber(jdbc, COUNTY, true);
        List<MemberForm> withNewborn = new ArrayList<>(forms(household, ids));
        withNewborn.add(new MemberForm("新生儿", newborn, "GRANDCHILD", null, null, null, null, null, null, null, null, null,
                null, null));
        assertThatThrownBy(() -> households.update(household.id(), household.version(), form(household, withNewborn,
                Map.of(), List.of()), "edit"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field)
                        .containsExactlyInAnyOrder("members[3].joinedOn", "members[3].joinReason"));

        // With them: the third moves away, the newborn joins, the income of 2014 left out is kept and 2015's added.
        withNewborn.remove(2);
        withNewborn.set(2, new MemberForm("新生儿", newborn, "GRANDCHILD", null, null, null, null, null, null, null, null, null,
                null, null, "2020-06-01", "BIRTH"));
        Household after = households.update(household.id(), household.version(), form(household, withNewborn,
                Map.of(2015, new BigDecimal("3100")), List.of(new HouseholdForm.Departure(ids.get(2), "2020-01-15", "MOVED_AWAY"))),
                "edit");
        assertThat(after.members()).extracting(Member::idNumber).containsExactlyInAnyOrder(ids.get(0), ids.get(1), newborn);
        assertThat(after.incomes()).containsOnlyKeys(2014, 2015);
        assertThat(households.memberHistory(household.id())).extracting(MemberChange::kind, MemberChange::reason)
                .contains(tuple(MemberChange.Kind.LEAVE, "MOVED_AWAY"), tuple(MemberChange.Kind.JOIN, "BIRTH"));

        // The person who moved away may be registered in another household; one on a register now may not.
        HouseholdForm elsewhere = new HouseholdForm("620103001002", null, null, null, "GENERAL", null, List.of(), null, null,
                null, null, null, Map.of(), List.of(new MemberForm("迁入者", ids.get(2), "HEAD", null, null, null, null, null,
                null, null, null, null, null, null)));
        assertThat(households.create(elsewhere, "moved here").members()).extracting(Member::idNumber).containsExactly(ids.get(2));
        HouseholdForm twice = new HouseholdForm("620103001002", null, null, null, "GENERAL", null, List.of(), null, null,
                null, null, null, Map.of(), List.of(new MemberForm("重复", ids.get(0), "HEAD", null, null, null, null, null,
                null, null, null, null, null, null)));
        assertThatThrownBy(() -> households.create(twice, null)).isInstanceOf(DomainException.class);
        // Every change is in the audit trail, in the transaction.
        assertThat(jdbc.sql("select action from audit_event where entity = 'household' and entity_id = :id order by id")
                .param("id", Long.toString(household.id())).query(String.class).list()).containsExactly("create", "update");
    }

    /** A household not poor that split in 2016, entered years later, is on record from 2016 with its people. */
    @Test
    void aSplitEnteredLaterCountsFromTheYearItHappened() {
        List<String> ids = people(3);
        Household household = record(ids);
        Household formed = households.split(household.id(), household.version(),
                new Households.Split(List.of(ids.get(2)), ids.get(2), "2016-05-01", null), null);
        assertThat(formed.status()).isEqualTo(Household.Status.CANDIDATE);
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        statistics.refresh();
        assertThat(figures(2015)).containsExactly(1L, 3L, 0L, 0L);
        assertThat(figures(2016)).containsExactly(2L, 3L, 0L, 0L);
    }

    /** The member history is append-only for the application, as the audit trail is: its role may not change it. */
    @Test
    void theMemberHistoryIsAppendOnlyForTheApplication() {
        assertThatThrownBy(() -> jdbc.sql("delete from member_event where false").update())
                .rootCause().hasMessageContaining("permission denied");
    }

    private Household record(List<String> ids) {
        TestCallers.signIn(CLERK);
        List<MemberForm> members = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            members.add(new MemberForm((i == 0 ? "户主" : "成员") + ids.get(i).substring(14), ids.get(i), i == 0 ? "HEAD" : "CHILD",
                    null, null, null, null, null, null, null, null, null, null, null));
        }
        return households.create(new HouseholdForm(VILLAGE, null, null, null, "GENERAL", "ILLNESS", List.of(), null, null,
                null, null, null, Map.of(2014, new BigDecimal("2100.00")), members), "record creation");
    }

    private List<String> people(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestPeople.newIdNumber(jdbc, COUNTY, i % 2 == 0));
        }
        return ids;
    }

    /** The household's members as a form gives them back, in the order of {@code ids}. */
    private static List<MemberForm> forms(Household household, List<String> ids) {
        return household.members().stream().sorted(java.util.Comparator.comparing(m -> ids.indexOf(m.idNumber()))).map(m -> new MemberForm(m.name(), m.idNumber(), m.relation().name(), null, null,
                null, null, null, null, null, null, null, null, null)).toList();
    }

    private static HouseholdForm form(Household h, List<MemberForm> members, Map<Integer, BigDecimal> incomes,
                                      List<HouseholdForm.Departure> departures) {
        return new HouseholdForm(h.villageCode(), null, null, null, h.category().name(), h.mainCause(), List.of(), null, null,
                null, null, null, incomes, members, null, departures);
    }

    /** Households, residents, poor households and poor residents of the village at the end of the year. */
    private List<Long> figures(int year) {
        Indicators i = statistics.figures(VILLAGE, year).indicators();
        return List.of(i.households(), i.residents(), i.poorHouseholds(), i.poorResidents());
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
