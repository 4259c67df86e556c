package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.HouseholdForm.MemberForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Recording households and members: the bad input of the issue, scope, the one-person rule, concurrent edits. */
@JingzhunTest
@Transactional
class HouseholdsTest {

    /** A data-entry user of Wuhua district (530102). */
    static final Caller WUHUA = TestCallers.of("wuhua-clerk", EnumSet.of(Role.DATA_ENTRY), "530102");
    static final String VILLAGE = "530102001001";
    static final String HEAD_ID = "530102198001010015";   // male, 1980-01-01
    static final String WIFE_ID = "530102198203040028";   // female, 1982-03-04

    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        TestCallers.signIn(WUHUA);
    }

    @AfterEach
    void signOut() {
        TestCallers.signOut();
    }

    @Test
    void recordsAHouseholdWithItsMembersAndAuditsIt() {
        Household household = households.create(form(f -> { }), "first visit");
        assertThat(household.status()).isEqualTo(Household.Status.CANDIDATE);
        assertThat(household.head().name()).isEqualTo("张三");
        assertThat(household.members()).extracting(Member::idNumber).containsExactly(HEAD_ID, WIFE_ID);
        assertThat(household.members().get(1).sex()).isEqualTo(ResidentId.Sex.FEMALE);
        assertThat(household.members().get(1).birthDate()).hasToString("1982-03-04");
        assertThat(household.incomes()).containsEntry(2014, new BigDecimal("2650.50"));
        assertThat(household.villageName()).isEqualTo("云南省 / 昆明市 / 五华区 / 华山街道 / 翠湖西路社区居民委员会");
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'household' and entity_id = :id and reason = 'first visit'")
                .param("id", Long.toString(household.id())).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void checkCharactersDatesAndTheLowerCaseX() {
        assertRefused(f -> f.set(1, member("李四", "530102198203040029", "SPOUSE")), "members[1].idNumber", "check");
        assertRefused(f -> f.set(1, member("李四", "530102198202300026", "SPOUSE")), "members[1].idNumber", "birth-date");
        String withX = "11010519491231002x";
        Household household = households.create(form(f -> f.add(member("王五", withX, "PARENT"))), null);
        assertThat(household.members()).extracting(Member::idNumber).contains("11010519491231002X");
    }

    @Test
    void sexAndBirthDateGivenMustAgreeWithTheNumber() {
        assertRefused(f -> f.set(1, new MemberForm("李四", WIFE_ID, "SPOUSE", "MALE", "1982-03-05", null, null, null,
                null, null, null, null, null, null)), "members[1].sex", "disagrees");
    }

    @Test
    void exactlyOneHead() {
        assertRefused(f -> f.set(1, member("李四", WIFE_ID, "HEAD")), "members", "several-heads");
        assertRefused(f -> f.set(0, member("张三", HEAD_ID, "SPOUSE")), "members", "no-head");
    }

    @Test
    void negativeOrAbsurdIncomeIsRefused() {
        assertThatThrownBy(() -> households.create(withIncome(new BigDecimal("-1")), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).contains("incomes[2014]"));
        assertThatThrownBy(() -> households.create(withIncome(new BigDecimal("50000000")), null))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aVillageThatDoesNotExistOrLiesOutsideTheUsersAreasIsRefused() {
        for (String village : List.of("530102001999", "530103001001", "5301", "")) {
            HouseholdForm form = form(f -> { });
            HouseholdForm elsewhere = new HouseholdForm(village, null, null, null, "GENERAL", null, null, null, null, null,
                    null, null, form.incomes(), form.members());
            assertThatThrownBy(() -> households.create(elsewhere, null))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                            .extracting(DomainException.FieldProblem::field).contains("villageCode"));
        }
    }

    @Test
    void aRetiredVillageIsRefused() {
        jdbc.sql("update area set retired_at = now() where code = :code").param("code", VILLAGE).update(); // rolled back
        assertThatThrownBy(() -> households.create(form(f -> { }), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field).containsExactly("villageCode"));
    }

    @Test
    void aRelocatedHouseholdKeepsItsRecordAndHistory() {
        Household household = households.create(form(f -> { }), "registered");
        HouseholdForm form = form(f -> { });
        HouseholdForm moved = new HouseholdForm("530102002001", form.groupName(), "易地扶贫搬迁安置点", form.phone(),
                form.category(), form.mainCause(), form.otherCauses(), "A", true, form.production(), form.bankAccount(),
                form.registeredYear(), Map.of(2014, new BigDecimal("2650.50"), 2015, new BigDecimal("3100")), form.members());
        Household after = households.update(household.id(), household.version(), moved, "ex-situ relocation");
        assertThat(after.id()).isEqualTo(household.id());
        assertThat(after.villageCode()).isEqualTo("530102002001");
        assertThat(after.incomes()).containsOnlyKeys(2014, 2015);
        assertThat(jdbc.sql("select village_code from member where household_id = :id").param("id", household.id())
                .query(String.class).list()).containsOnly("530102002001");
        assertThat(jdbc.sql("select action from audit_event where entity = 'household' and entity_id = :id order by id")
                .param("id", Long.toString(household.id())).query(String.class).list()).containsExactly("create", "relocate");
    }

    @Test
    void aPersonIsRegisteredOnceInTheWholeCountry() {
        TestCallers.signIn(TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY), "530103"));
        HouseholdForm inPanlong = new HouseholdForm("530103001001", null, null, null, "GENERAL", null, null, null, null,
                null, null, null, Map.of(), List.of(member("赵六", HEAD_ID, "HEAD")));
        Household panlong = households.create(inPanlong, null);

        TestCallers.signIn(WUHUA);
        assertThatThrownBy(() -> households.create(form(f -> { }), null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::messageKey)
                            .containsExactly("member.id.registered-elsewhere");
                    assertThat(List.of(e.fieldProblems().getFirst().args())).doesNotContain(panlong.id());
                });

        TestCallers.signIn(TestCallers.of("kunming-clerk", EnumSet.of(Role.DATA_ENTRY), "5301"));
        assertThatThrownBy(() -> households.create(form(f -> { }), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::messageKey).containsExactly("member.id.registered-with"));
    }

    @Test
    void aHouseholdOutsideTheUsersAreasIsAbsent() {
        Household household = households.create(form(f -> { }), null);
        TestCallers.signIn(TestCallers.of("panlong-clerk", EnumSet.of(Role.DATA_ENTRY), "530103"));
        assertThatThrownBy(() -> households.get(household.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThat(households.search(new Households.Query(null, null, HEAD_ID, null, null, null, null, null, 0, 10)).households())
                .isEmpty();
    }

    @Test
    void theSecondOfTwoConcurrentEditsGetsAConflictAndNothingIsLost() {
        Household household = households.create(form(f -> { }), null);
        // A person added to a household on record says when and why they joined (issue 16).
        MemberForm parent = member("王五", "11010519491231002X", "PARENT");
        MemberForm joining = new MemberForm(parent.name(), parent.idNumber(), parent.relation(), null, null, parent.ethnicity(),
                parent.education(), null, parent.health(), null, parent.workAbility(), null, null, null, "2015-03-01", "RETURN");
        Household first = households.update(household.id(), household.version(), form(f -> f.add(joining)), "first edit");
        assertThatThrownBy(() -> households.update(household.id(), household.version(), form(f -> { }), "second edit"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
        assertThat(households.get(household.id()).members()).hasSize(3);
        assertThat(first.version()).isEqualTo(household.version() + 1);
    }

    @Test
    void theStatusChangesOnlyAlongTheAllowedTransitionsWithAReason() {
        Household household = households.create(form(f -> { }), null);
        TestCallers.signIn(TestCallers.of("wuhua-reviewer", EnumSet.of(Role.REVIEWER), "530102"));
        assertThatThrownBy(() -> households.changeStatus(household.id(), household.version(), Household.Status.EXITED, "too early"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("household.status.not-allowed"));
        assertThatThrownBy(() -> households.changeStatus(household.id(), household.version(), Household.Status.REGISTERED, " "))
                .isInstanceOf(DomainException.class);
        // Registering is the identification procedure's, which moves households in bulk.
        assertThatThrownBy(() -> households.changeStatus(household.id(), household.version(), Household.Status.REGISTERED,
                "approved by the county, announced"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey())
                        .isEqualTo("household.status.through-identification"));
        assertThat(households.changeStatuses(java.util.List.of(household.id()), Household.Status.CANDIDATE,
                Household.Status.REGISTERED, 2016, "announced")).isEqualTo(1);
        Household registered = households.get(household.id());
        assertThat(registered.status()).isEqualTo(Household.Status.REGISTERED);
        assertThat(registered.registeredYear()).isEqualTo(2016);
        assertThatThrownBy(() -> households.changeStatuses(java.util.List.of(household.id()), Household.Status.CANDIDATE,
                Household.Status.REGISTERED, 2016, "twice"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("household.status.not-all"));
        Household exited = households.changeStatus(household.id(), registered.version(), Household.Status.EXITED, "income above the line");
        assertThat(households.changeStatus(household.id(), exited.version(), Household.Status.RETURNED, "serious illness").status())
                .isEqualTo(Household.Status.RETURNED);
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'household' and entity_id = :id and action like 'status-%'")
                .param("id", Long.toString(household.id())).query(Integer.class).single()).isEqualTo(3);
        TestCallers.signIn(WUHUA);
        assertThatThrownBy(() -> households.changeStatus(household.id(), 3, Household.Status.EXITED, "data entry cannot"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    }

    @Test
    void namesWithEmojiRareCharactersAndHtmlAreKeptAsTyped() {
        String name = "𠀀<b>李</b>😀";
        Household household = households.create(form(f -> f.set(1, member(name, WIFE_ID, "SPOUSE"))), null);
        assertThat(households.get(household.id()).members().get(1).name()).isEqualTo(name);
    }

    @Test
    void foundAgainByIdNumberByNameAndByVillage() {
        Household household = households.create(form(f -> { }), null);
        assertThat(households.search(new Households.Query(null, null, WIFE_ID, null, null, null, null, null, 0, 10)).households())
                .extracting(HouseholdSummary::id).containsExactly(household.id());
        assertThat(households.search(new Households.Query("530102", "李四", null, null, null, null, null, null, 0, 10)).households())
                .extracting(HouseholdSummary::headIdNumber).containsExactly("530102198001010015"); // whole for data entry
        assertThat(households.search(new Households.Query(VILLAGE, null, null, null, "ILLNESS", 2014,
                new BigDecimal("2000"), new BigDecimal("2736"), 0, 50)).households())
                .extracting(HouseholdSummary::id).contains(household.id());
        assertThat(households.search(new Households.Query(VILLAGE, null, null, null, "ILLNESS", 2014,
                null, new BigDecimal("2650.49"), 0, 50)).households())
                .extracting(HouseholdSummary::id).doesNotContain(household.id());
        assertThat(households.search(new Households.Query(VILLAGE, null, null, null, "DISASTER", null, null, null, 0, 50))
                .households()).extracting(HouseholdSummary::id).doesNotContain(household.id());
    }

    @Test
    void searchesWithOneFilterAloneAndByANationalUserWork() {
        Household household = households.create(form(f -> { }), null);
        assertThat(households.search(new Households.Query(VILLAGE, null, null, null, null, null, null, null, 0, 50))
                .households()).extracting(HouseholdSummary::id).contains(household.id());
        assertThat(households.search(new Households.Query(null, null, null, Household.Status.CANDIDATE, null, null, null,
                null, 0, 50)).households()).extracting(HouseholdSummary::id).contains(household.id());
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        assertThat(households.search(new Households.Query(null, "张三", null, null, null, null, null, null, 0, 50))
                .households()).extracting(HouseholdSummary::id).contains(household.id());
        assertThat(households.search(new Households.Query("53", "张三", null, null, null, null, null, null, 0, 50))
                .households()).extracting(HouseholdSummary::id).contains(household.id());
        assertThat(households.search(new Households.Query("52", "张三", null, null, null, null, null, null, 0, 50))
                .households()).extracting(HouseholdSummary::id).doesNotContain(household.id());
    }

    private void assertRefused(Consumer<List<MemberForm>> change, String field, String code) {
        assertThatThrownBy(() -> households.create(form(change), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(DomainException.FieldProblem::field, DomainException.FieldProblem::code)
                        .contains(org.assertj.core.groups.Tuple.tuple(field, code)));
    }

    private HouseholdForm withIncome(BigDecimal income) {
        HouseholdForm form = form(f -> { });
        return new HouseholdForm(VILLAGE, null, null, null, "GENERAL", null, null, null, null, null, null, null,
                Map.of(2014, income), form.members());
    }

    /** Zhang San and his wife in Cuihu West Road, poor by illness, with 2014 income; members changed by {@code change}. */
    static HouseholdForm form(Consumer<List<MemberForm>> change) {
        List<MemberForm> members = new ArrayList<>(List.of(member("张三", HEAD_ID, "HEAD"), member("李四", WIFE_ID, "SPOUSE")));
        change.accept(members);
        return new HouseholdForm(VILLAGE, "第一组", "翠湖西路 1 号", "13800000000", "GENERAL", "ILLNESS",
                List.of("LACK_OF_SKILLS"), "C", true, "种植玉米", "6222000011112222", 2014,
                Map.of(2014, new BigDecimal("2650.50")), members);
    }

    static MemberForm member(String name, String idNumber, String relation) {
        return new MemberForm(name, idNumber, relation, null, null, "汉族", "PRIMARY", null, "HEALTHY", null, "FULL",
                null, null, null);
    }
}
