package org.jingzhun.interchange.web;

import java.io.IOException;

import org.jingzhun.interchange.HouseholdImports;
import org.jingzhun.interchange.ImportJob;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The import pages: upload, the jobs, one job's progress and report. Files are downloaded from the API, which signed-in pages may call. */
@Controller
class ImportPagesController {

    static final int PROBLEMS_SHOWN = 200;

    private final HouseholdImports imports;
    private final ProblemMessages problemMessages;

    ImportPagesController(HouseholdImports imports, ProblemMessages problemMessages) {
        this.imports = imports;
        this.problemMessages = problemMessages;
    }

    @GetMapping("/imports")
    String list(Model model) {
        model.addAttribute("jobs", imports.recent());
        return "interchange/imports";
    }

    @PostMapping("/imports")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "VALID_ROWS") ImportJob.Mode mode,
                  @RequestParam(defaultValue = "AUTO") String charset, Model model) throws IOException {
        try {
            ImportJob job = imports.start(file.getOriginalFilename(), file.getInputStream(), mode, charset);
            return "redirect:/imports/" + job.id();
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("problems", problemMessages.all(e));
            return list(model);
        }
    }

    @GetMapping("/imports/{id}")
    String job(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        ImportJob job = imports.get(id);
        return report(job, page, model, "interchange/import");
    }

    /** The progress part of a job's page, which the page asks for again until the job stops. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        ImportJob job = imports.get(id);
        return report(job, page, model, "interchange/import :: progress");
    }

    private String report(ImportJob job, int page, Model model, String view) {
        model.addAttribute("job", job);
        if (job.status().finished()) {
            model.addAttribute("problems", imports.problems(job.id(), page, PROBLEMS_SHOWN));
        }
        return view;
    }
}
