package org.jingzhun.interchange.demonstration;

import java.util.List;
import java.util.Map;

import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.job.JobContext;
import org.jingzhun.job.JobKind;
import org.jingzhun.job.JobResult;
import org.jingzhun.job.Jobs;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Demonstration data generated as a job ({@code demonstration}): any instance may run it, as the national
 * administrator who asked, and it reports its stage and share done. Its one transaction leaves nothing behind
 * when it is cut short, so there is nothing to clean up.
 */
@Component
public class DemonstrationRuns implements JobKind {

    public static final String KIND = "demonstration";

    private final DemonstrationData demonstration;
    private final JsonMapper json;
    private final Jobs jobs;
    private final TransactionTemplate apart;

    DemonstrationRuns(DemonstrationData demonstration, JsonMapper json, @Lazy Jobs jobs, PlatformTransactionManager transactions) {
        this.demonstration = demonstration;
        this.json = json;
        this.jobs = jobs;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Queues a run as the caller, committed at once whatever the caller's transaction does: the run writes in a
     * transaction of its own anyway, and the page follows it from the next request on.
     */
    public long submit(String province, double scale, long seed) {
        return apart.execute(status -> jobs.submit(KIND, parameters(province, scale, seed), false));
    }

    /** What a run is asked for, as its job keeps it. */
    public record Asked(String province, double scale, long seed) {
    }

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public JobResult run(JobContext context) {
        Asked asked = asked(context.parameters());
        double[] told = {-1};
        DemonstrationData.Stage[] stage = {null};
        DemonstrationData.Report report = demonstration.generate(asked.province(), DemonstrationData.Calibration.YUNNAN_2014,
                asked.scale(), Map.of(), asked.seed(), progress -> {
                    // Every whole per cent and every stage: the page's bar moves, the database is not flooded.
                    double done = progress.fraction();
                    if (done - told[0] >= 0.01 || progress.stage() != stage[0]) {
                        told[0] = done;
                        stage[0] = progress.stage();
                        context.progress("demonstration.stage." + progress.stage(), done);
                    }
                });
        return new JobResult("demonstration.done", List.of(Long.toString(report.households()), Long.toString(report.members()),
                Integer.toString(report.villages()), Long.toString(report.time().toSeconds()),
                Long.toString(report.poorHouseholds()), Long.toString(report.poorMembers()),
                Integer.toString(report.villagesAtTwiceTheRate())));
    }

    @Override
    public void interrupted(long id) {
        // Its transaction went with the run: nothing was written.
    }

    @Override
    public String page(long id) {
        return "/demonstration";
    }

    /** What a run's job was asked for. */
    public Asked asked(String parameters) {
        return json.readValue(parameters, Asked.class);
    }

    /** The parameters of a run, as a job keeps them. */
    private String parameters(String province, double scale, long seed) {
        return json.writeValueAsString(new Asked(province, scale, seed));
    }
}
