package org.jingzhun.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestCallers;
import org.jingzhun.job.Job;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job runner: fair claiming between areas, and recovery at start that marks interrupted only the jobs of this
 * instance and of gone instances, never those a live instance runs. Runners of their own stand for instances, each
 * with a kind of job only it knows; the tests wait on the jobs' starts and ends, never on time (the timeout only
 * stops a test that hangs).
 */
@JingzhunTest
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JobRunnerTest {

    /** Users of two counties of Kunming (Xishan and Guandu districts). */
    static final Caller XISHAN = new Caller(9_150_001, "jobs-xishan", EnumSet.of(Role.DATA_ENTRY), java.util.Set.of("530112"));
    static final Caller GUANDU = new Caller(9_150_002, "jobs-guandu", EnumSet.of(Role.DATA_ENTRY), java.util.Set.of("530111"));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final List<JobRunner> runners = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        runners.forEach(JobRunner::stop);
        TestCallers.signOut();
    }

    private JobRunner runner(String name, int workers, HeldJobs kind, JobEnds ends) {
        JobRunner runner = new JobRunner(jdbc, transactions, List.of(kind), ends, name + "-" + UUID.randomUUID(), workers,
                16L << 20, Duration.ofSeconds(10), Duration.ofMinutes(1));
        runners.add(runner);
        return runner;
    }

    /** Issue 11, item 3, now for every job: one county's held job leaves the other worker to another county. */
    @Test
    void aCountysRunningJobLeavesTheOtherWorkerToAnotherCounty() throws Exception {
        HeldJobs held = new HeldJobs();
        JobEnds ends = new JobEnds();
        JobRunner runner = runner("fair", 2, held, ends);
        runner.begin();

        TestCallers.signIn(XISHAN);
        long first = runner.submit(held.name(), "", false);
        held.awaitStarted(first);
        long second = runner.submit(held.name(), "", false);
        TestCallers.signIn(GUANDU);
        long other = runner.submit(held.name(), "", false);
        held.awaitStarted(other);

        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        // One county holds at most all workers but one: its second job waits for its first, not the other county's.
        assertThat(runner.get(second).state()).isEqualTo(Job.State.QUEUED);
        assertThat(runner.get(first)).satisfies(job -> {
            assertThat(job.state()).isEqualTo(Job.State.RUNNING);
            assertThat(job.areaCode()).isEqualTo("530112");
            assertThat(job.percent()).isEqualTo(50);
            assertThat(job.step()).isEqualTo("job.state.RUNNING");
        });
        assertThat(jdbc.sql("select instance_id from job where id = :id").param("id", first).query(String.class).single())
                .isEqualTo(runner.instance());
        held.release(other);
        ends.awaitEnd(other);
        assertThat(runner.get(second).state()).isEqualTo(Job.State.QUEUED);

        held.release(first);
        held.awaitStarted(second);
        held.release(second);
        ends.awaitEnd(first);
        ends.awaitEnd(second);
        for (long id : List.of(first, second, other)) {
            assertThat(runner.get(id)).satisfies(job -> {
                assertThat(job.state()).isEqualTo(Job.State.DONE);
                assertThat(job.percent()).isEqualTo(100);
                assertThat(job.resultKey()).isEqualTo("job.state.DONE");
            });
        }
        assertThat(runner.get(other).resultArgs()).containsExactly("jobs-guandu"); // it ran as its owner
    }

    /** Among the jobs that may start, the one of the area served longest ago (or never) goes first, though younger. */
    @Test
    void theAreaServedLongestAgoGoesFirst() throws Exception {
        // Areas of this test alone, never served before it.
        String first = "99" + (1000 + new java.util.Random().nextInt(4000));
        String second = "99" + (5000 + new java.util.Random().nextInt(4000));
        Caller ofFirst = new Caller(9_150_003, "jobs-first", EnumSet.of(Role.DATA_ENTRY), java.util.Set.of(first));
        Caller ofSecond = new Caller(9_150_004, "jobs-second", EnumSet.of(Role.DATA_ENTRY), java.util.Set.of(second));
        HeldJobs held = new HeldJobs();
        JobEnds ends = new JobEnds();
        JobRunner runner = runner("served", 1, held, ends);
        TestCallers.signIn(ofFirst);
        long firstServed = runner.submit(held.name(), "", false);
        long firstAgain = runner.submit(held.name(), "", false);
        TestCallers.signIn(ofSecond);
        long secondArea = runner.submit(held.name(), "", false);
        runner.begin();
        held.awaitStarted(firstServed); // neither area was served: the oldest job
        held.release(firstServed);
        ends.awaitEnd(firstServed);
        held.awaitStarted(secondArea); // the first area was served just now, the second never
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        assertThat(runner.get(firstAgain).state()).isEqualTo(Job.State.QUEUED);
        held.release(secondArea);
        held.release(firstAgain);
        ends.awaitEnd(secondArea);
        ends.awaitEnd(firstAgain);
        assertThat(runner.get(firstAgain).state()).isEqualTo(Job.State.DONE);
    }

    /**
     * Issue 15, item 1: an instance's start marks interrupted its own unfinished jobs and those of an instance whose beat
     * is old, and leaves alone the running job of another live instance.
     */
    @Test
    void aStartMarksItsOwnAndGoneInstancesJobsButNotALiveInstances() throws Exception {
        HeldJobs held = new HeldJobs();
        JobEnds liveEnds = new JobEnds();
        JobRunner live = runner("live", 1, held, liveEnds);
        live.begin();
        TestCallers.signIn(XISHAN);
        long running = live.submit(held.name(), "", true);
        held.awaitStarted(running);

        JobRunner starting = runner("starting", 1, held, new JobEnds());
        String gone = "gone-" + UUID.randomUUID();
        jdbc.sql("insert into job_instance (id, started_at, heartbeat_at) values (:id, now() - interval '2 days', now() - interval '1 day')")
                .param("id", gone).update();
        long goneRunning = insertJob(held.name(), "RUNNING", gone);
        long goneQueued = insertJob(held.name(), "QUEUED", gone);
        long ownLeftOver = insertJob(held.name(), "RUNNING", starting.instance());
        long neverBeat = insertJob(held.name(), "RUNNING", "never-beat-" + UUID.randomUUID());

        starting.begin();

        for (long id : List.of(goneRunning, goneQueued, ownLeftOver, neverBeat)) {
            assertThat(state(id)).as("job %d", id).isEqualTo("INTERRUPTED");
        }
        assertThat(held.cleanedUp).contains(goneRunning, goneQueued, ownLeftOver, neverBeat).doesNotContain(running);
        assertThat(state(running)).isEqualTo("RUNNING");

        held.release(running);
        liveEnds.awaitEnd(running);
        assertThat(state(running)).isEqualTo("DONE");
    }

    /** What the database watchdog's return does: the jobs this instance ran when it went away are marked interrupted. */
    @Test
    void theJobsRunningWhenTheDatabaseWentAwayAreMarkedInterruptedWhenItIsBack() throws Exception {
        HeldJobs held = new HeldJobs();
        JobEnds ends = new JobEnds();
        JobRunner runner = runner("outage", 1, held, ends);
        JobRunner other = runner("outage-other", 1, held, new JobEnds());
        runner.begin();
        other.begin();
        TestCallers.signIn(XISHAN);
        long cut = runner.submit(held.name(), "", true);
        long elsewhere = other.submit(held.name(), "", true);
        held.awaitStarted(cut);
        held.awaitStarted(elsewhere);

        runner.databaseChanged(new org.jingzhun.platform.DatabaseAvailabilityChanged(false));

        assertThat(state(cut)).isEqualTo("INTERRUPTED");
        assertThat(held.cleanedUp).contains(cut).doesNotContain(elsewhere);
        assertThat(state(elsewhere)).isEqualTo("RUNNING");
        held.release(cut);
        held.release(elsewhere);
        ends.awaitEnd(cut);
        assertThat(state(cut)).isEqualTo("INTERRUPTED");
    }

    /** An instance's name stays across restarts on its data directory, and differs for another data directory. */
    @Test
    void anInstanceIsNamedByItsHostAndDataDirectory() {
        assertThat(JobRunner.defaultName("/var/lib/jingzhun")).isEqualTo(JobRunner.defaultName("/var/lib/jingzhun"))
                .endsWith(":/var/lib/jingzhun").isNotEqualTo(JobRunner.defaultName("/var/lib/jingzhun-2"));
    }

    private long insertJob(String kind, String state, String instance) {
        return jdbc.sql("""
                insert into job (kind, owner_id, owner_login, area_code, state, instance_id, started_at)
                values (:kind, 0, 'gone', '530112', :state, :instance, case when :state = 'RUNNING' then now() end) returning id""")
                .param("kind", kind).param("state", state).param("instance", instance).query(Long.class).single();
    }

    private String state(long id) {
        return jdbc.sql("select state from job where id = :id").param("id", id).query(String.class).single();
    }
}
