package org.jingzhun.job.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jingzhun.job.Job;
import org.jingzhun.job.Jobs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs", description = "Long work run in the background (imports, demonstration data): state, progress, result")
class JobApi {

    private final Jobs jobs;

    JobApi(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs")
    @Operation(summary = "The caller's latest jobs, newest first (a national administrator's: everyone's)")
    List<Job> recent() {
        return jobs.recent();
    }

    @GetMapping("/api/v1/jobs/{id}")
    @Operation(summary = "A job's kind, owner, state, step, progress (0 to 1) and result; 404 for someone else's")
    Job job(@PathVariable long id) {
        return jobs.get(id);
    }
}
