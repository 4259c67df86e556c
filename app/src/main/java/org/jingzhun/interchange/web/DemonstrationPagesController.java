package org.jingzhun.interchange.web;

import java.util.List;

import org.jingzhun.interchange.demonstration.DemonstrationRuns;
import org.jingzhun.job.Job;
import org.jingzhun.job.Jobs;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' action that fills a province with demonstration data: a job (a province takes minutes), whose
 * progress the page follows; the latest run is shown until the next, and the job's own page follows it too.
 */
@Controller
class DemonstrationPagesController {

    /** A run as the page shows it: what was asked, and its job. */
    record Run(String province, double scale, long seed, Job job) {

        // Public: the page's expressions call these, and SpEL finds only public methods.
        public boolean finished() {
            return job.finished();
        }

        public int percent() {
            return job.percent();
        }

        public boolean failed() {
            return job.finished() && job.state() != Job.State.DONE;
        }
    }

    private final Jobs jobs;
    private final DemonstrationRuns runs;
    private final ProblemMessages problemMessages;

    DemonstrationPagesController(Jobs jobs, DemonstrationRuns runs, ProblemMessages problemMessages) {
        this.jobs = jobs;
        this.runs = runs;
        this.problemMessages = problemMessages;
    }

    @GetMapping("/demonstration")
    String page(Model model) {
        requireNationalAdministrator();
        model.addAttribute("run", latest());
        return "interchange/demonstration";
    }

    /** The progress part of the page, asked for again until the run stops. */
    @GetMapping("/demonstration/progress")
    String progress(Model model) {
        requireNationalAdministrator();
        model.addAttribute("run", latest());
        return "interchange/demonstration :: progress";
    }

    @PostMapping("/demonstration")
    String start(@RequestParam(defaultValue = "53") String province, @RequestParam(defaultValue = "0.01") double scale,
                 @RequestParam(defaultValue = "2014") long seed, Model model) {
        requireNationalAdministrator();
        Run previous = latest();
        if (previous != null && !previous.finished()) {
            model.addAttribute("problems", List.of(problemMessages.text("demonstration.running")));
            return page(model);
        }
        String code = province.strip();
        runs.submit(code.length() > 12 ? code.substring(0, 12) : code, scale, seed);
        return "redirect:/demonstration";
    }

    private Run latest() {
        return jobs.latest(DemonstrationRuns.KIND).map(job -> {
            DemonstrationRuns.Asked asked = runs.asked(job.parameters());
            return new Run(asked.province(), asked.scale(), asked.seed(), job);
        }).orElse(null);
    }

    /** The page is the national administrators' (the generator refuses anyone else too). */
    private static Caller requireNationalAdministrator() {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        if (!caller.national()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "demonstration.national-only");
        }
        return caller;
    }
}
