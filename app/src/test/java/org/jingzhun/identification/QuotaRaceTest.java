package org.jingzhun.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.TestClock;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.registry.Household;
import org.jingzhun.registry.Households;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 12, item 9: two county reviewers approving different lists of one round at the same moment, each list within
 * the quota but both together beyond it: one approval is refused. Both commit, as two reviewers' do, so the round is
 * of a county and year no other test opens (Dongchuan, 530113, 2015).
 */
@JingzhunTest
class QuotaRaceTest {

    static final String COUNTY = "530113";
    static final int YEAR = 2015;
    static final Caller COUNTY_REVIEWER = TestCallers.of("dongchuan-reviewer", EnumSet.of(Role.REVIEWER, Role.ADMINISTRATOR), COUNTY);
    static final Caller PREFECTURE_REVIEWER = TestCallers.of("kunming-quota-reviewer", EnumSet.of(Role.REVIEWER), "5301");

    @Autowired
    HouseholdIdentification identification;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void reset() {
        clock.reset();
        TestCallers.signOut();
    }

    @Test
    void twoConcurrentApprovalsThatTogetherExceedTheQuotaAndOneIsRefused() throws Exception {
        String village = jdbc.sql("select min(code) from area where level = 5 and code like '" + COUNTY + "%'")
                .query(String.class).single();
        Caller villageClerk = TestCallers.of("dongchuan-clerk", EnumSet.of(Role.DATA_ENTRY), village);
        Caller townshipReviewer = TestCallers.of("dongchuan-township", EnumSet.of(Role.REVIEWER), village.substring(0, 9));
        List<Long> householdIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            householdIds.add(TestHouseholds.record(households, jdbc, village, 1, YEAR, new BigDecimal("1000")).id());
        }
        TestCallers.signIn(COUNTY_REVIEWER);
        Round round = identification.openRound(new Round.Form(COUNTY, YEAR, 7, null, null));
        TestCallers.signIn(PREFECTURE_REVIEWER);
        identification.setQuota(round.id(), 3, null, "scale given by the prefecture");

        TestCallers.signIn(villageClerk);
        identification.apply(round.id(), householdIds, Application.Proposer.HOUSEHOLD, "village meeting");
        List<Long> ids = identification.applications(new HouseholdIdentification.Query(round.id(), village, null, 0, 50))
                .applications().stream().map(Application::id).sorted().toList();
        assertThat(ids).hasSize(4);
        step(villageClerk, Step.APPRAISE, ids);
        step(villageClerk, Step.VERIFY, ids);
        step(villageClerk, Step.FIRST_PUBLICITY, ids);
        clock.advanceDays(7);
        step(townshipReviewer, Step.TOWNSHIP_REVIEW, ids);
        step(villageClerk, Step.SECOND_PUBLICITY, ids);
        clock.advanceDays(7);

        // Two lists of two: each within the quota of three, together beyond it.
        List<Long> firstList = ids.subList(0, 2);
        List<Long> secondList = ids.subList(2, 4);
        ExecutorService threads = Executors.newFixedThreadPool(2); // the common pool may have one thread here
        CountDownLatch firstApproved = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        CompletableFuture<StepResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return new TransactionTemplate(transactions).execute(status -> {
                    StepResult result = step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, firstList);
                    firstApproved.countDown();
                    await(secondWaiting); // not committed until the second approval has come to the quota
                    return result;
                });
            } finally {
                TestCallers.signOut();
            }
        }, threads);
        await(firstApproved);
        CompletableFuture<StepResult> second = CompletableFuture.supplyAsync(() -> {
            try {
                return step(COUNTY_REVIEWER, Step.COUNTY_APPROVAL, secondList);
            } finally {
                TestCallers.signOut();
            }
        }, threads);
        threads.shutdown();
        // The condition: the second approval waits for the round the first holds, or it has ended without waiting.
        while (!second.isDone() && jdbc.sql("""
                select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()
                   and query ilike '%from identification_round%for update%'""")
                .query(Integer.class).single() == 0) {
            Thread.onSpinWait();
        }
        secondWaiting.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).moved()).isEqualTo(2);
        try {
            StepResult approved = second.get(60, TimeUnit.SECONDS);
            throw new AssertionError("both approved, " + approved.moved() + " beyond the quota");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.fieldProblems())
                    .extracting(p -> p.field() + " " + p.code()).containsExactly("quota quota"));
        }
        TestCallers.signIn(COUNTY_REVIEWER);
        assertThat(identification.round(round.id()).approvedHouseholds()).isEqualTo(2);
    }

    private StepResult step(Caller caller, Step step, List<Long> ids) {
        TestCallers.signIn(caller);
        StepRequest.Appraisal appraisal = step == Step.APPRAISE ? new StepRequest.Appraisal(LocalDate.now(clock), 21, 18, 3) : null;
        Boolean approved = step == Step.FIRST_PUBLICITY || step == Step.SECOND_PUBLICITY ? null : true;
        return identification.step(new StepRequest(step, ids, approved, null, null, null, appraisal, null));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other approval never reached its point");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
