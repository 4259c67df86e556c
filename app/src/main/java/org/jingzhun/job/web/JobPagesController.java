package org.jingzhun.job.web;

import org.jingzhun.job.Jobs;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The caller's jobs, and one job followed while it runs. */
@Controller
class JobPagesController {

    private final Jobs jobs;

    JobPagesController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/jobs")
    String list(Model model) {
        model.addAttribute("jobs", jobs.recent());
        return "job/jobs";
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", jobs.get(id));
        return "job/job";
    }

    /** The progress part of the page, asked for again until the job stops. */
    @GetMapping("/jobs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", jobs.get(id));
        return "job/job :: progress";
    }
}
