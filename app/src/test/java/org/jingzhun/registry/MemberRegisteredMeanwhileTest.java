package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.interchange.TestPeople;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 12, item 10: a person registered by another household between a save's check and its write is refused
 * with a conflict naming the person, instead of being dropped silently (which left the household without its head).
 * Both saves commit, as two clerks' do; the people are new and the village is away from other tests.
 */
@JingzhunTest
class MemberRegisteredMeanwhileTest {

    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aHeadRegisteredMeanwhileByAnotherHouseholdIsAConflictNamingThePerson() throws Exception {
        String village = jdbc.sql("select min(code) from area where level = 5 and code like '530112%'").query(String.class).single();
        Caller clerk = TestCallers.of("xishan-clerk", EnumSet.of(Role.DATA_ENTRY), village.substring(0, 6));
        String person = TestPeople.newIdNumber(jdbc, "530112", true);
        String wife = TestPeople.newIdNumber(jdbc, "530112", false);
        String other = TestPeople.newIdNumber(jdbc, "530112", false);

        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        // Threads of its own: the common pool may have a single thread on a small machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Household> first = CompletableFuture.supplyAsync(() -> {
            TestCallers.signIn(clerk);
            try {
                return new TransactionTemplate(transactions).execute(status -> {
                    Household saved = households.create(form(village, member("赵大", person, "HEAD"), member("钱二", other, "SPOUSE")),
                            "first clerk");
                    firstWritten.countDown();
                    await(secondWaiting); // not committed until the second save has checked and waits on the person
                    return saved;
                });
            } finally {
                TestCallers.signOut();
            }
        }, threads);
        await(firstWritten);
        CompletableFuture<Household> second = CompletableFuture.supplyAsync(() -> {
            TestCallers.signIn(clerk);
            try {
                return households.create(form(village, member("赵大", person, "HEAD"), member("孙三", wife, "SPOUSE")),
                        "second clerk");
            } finally {
                TestCallers.signOut();
            }
        }, threads);
        threads.shutdown();
        // The condition: the second save, checked already, waits on the first's uncommitted rows (or has ended).
        while (!second.isDone() && jdbc.sql("""
                select count(*) from pg_stat_activity
                 where wait_event_type = 'Lock' and pid <> pg_backend_pid()
                   and (query ilike 'insert into household %' or query ilike 'insert into member %')""")
                .query(Integer.class).single() == 0) {
            Thread.onSpinWait();
        }
        secondWaiting.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).head().idNumber()).isEqualTo(person);

        try {
            Household saved = second.get(60, TimeUnit.SECONDS);
            throw new AssertionError("saved without its head: " + saved.members());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(DomainException.class, refusal -> {
                assertThat(refusal.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                assertThat(refusal.messageKey()).isEqualTo("member.id.registered-meanwhile");
                assertThat(refusal.args()).contains("赵大");
                assertThat(refusal.fieldProblems()).extracting(DomainException.FieldProblem::field)
                        .containsExactly("members[0].idNumber");
            });
        }
        // Nothing of the refused save remains: no household without a head, the wife not registered.
        assertThat(jdbc.sql("select count(*) from member where id_number = :id").param("id", wife).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("""
                select count(*) from household h where h.village_code = :village
                   and not exists (select 1 from member m where m.household_id = h.id and m.relation = 'HEAD')""")
                .param("village", village).query(Integer.class).single()).isZero();
    }

    private static HouseholdForm form(String village, HouseholdForm.MemberForm... people) {
        return new HouseholdForm(village, null, null, null, "GENERAL", "ILLNESS", List.of(), null, null, null, null, null,
                Map.of(), List.of(people));
    }

    private static HouseholdForm.MemberForm member(String name, String idNumber, String relation) {
        return new HouseholdForm.MemberForm(name, idNumber, relation, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other save never reached its point");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
