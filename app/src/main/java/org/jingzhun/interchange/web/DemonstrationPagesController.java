package org.jingzhun.interchange.web;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.jingzhun.interchange.DemonstrationData;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.annotation.PreDestroy;

/**
 * The administrators' action that fills a province with demonstration data: it runs in the background (a
 * province takes minutes) and the page follows its progress; the latest run is shown until the next.
 */
@Controller
class DemonstrationPagesController {

    private static final Logger log = LoggerFactory.getLogger(DemonstrationPagesController.class);

    /** A run as the page shows it: what was asked, how far it is, and its report or why it failed. */
    record Run(String province, double scale, long seed, String login, Instant started,
               DemonstrationData.Progress progress, DemonstrationData.Report report, String problemKey,
               Object[] problemArgs) {

        // Public: the page's expressions call these, and SpEL finds only public methods.
        public boolean finished() {
            return report != null || problemKey != null;
        }

        public int percent() {
            return progress == null ? 0 : (int) (progress.fraction() * 100);
        }

        public long seconds() {
            return Duration.between(started, org.jingzhun.platform.ChinaClock.current().instant()).toSeconds();
        }
    }

    private final DemonstrationData demonstration;
    private final ProblemMessages problemMessages;
    private final AtomicReference<Run> latest = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demonstration-data");
        thread.setDaemon(true);
        return thread;
    });

    DemonstrationPagesController(DemonstrationData demonstration, ProblemMessages problemMessages) {
        this.demonstration = demonstration;
        this.problemMessages = problemMessages;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @GetMapping("/demonstration")
    String page(Model model) {
        requireNationalAdministrator();
        model.addAttribute("run", latest.get());
        return "interchange/demonstration";
    }

    /** The progress part of the page, asked for again until the run stops. */
    @GetMapping("/demonstration/progress")
    String progress(Model model) {
        requireNationalAdministrator();
        model.addAttribute("run", latest.get());
        return "interchange/demonstration :: progress";
    }

    @PostMapping("/demonstration")
    String start(@RequestParam(defaultValue = "53") String province, @RequestParam(defaultValue = "0.01") double scale,
                 @RequestParam(defaultValue = "2014") long seed, Model model) {
        Caller caller = requireNationalAdministrator();
        Run previous = latest.get();
        if (previous != null && !previous.finished()) {
            model.addAttribute("problems", java.util.List.of(problemMessages.text("demonstration.running")));
            return page(model);
        }
        Run run = new Run(province.strip(), scale, seed, caller.login(), org.jingzhun.platform.ChinaClock.current().instant(), null, null, null, null);
        latest.set(run);
        Authentication administrator = SecurityContextHolder.getContext().getAuthentication();
        worker.submit(() -> generate(run, administrator));
        return "redirect:/demonstration";
    }

    private void generate(Run run, Authentication administrator) {
        SecurityContextHolder.getContext().setAuthentication(administrator);
        try {
            DemonstrationData.Report report = demonstration.generate(run.province(), DemonstrationData.Calibration.YUNNAN_2014,
                    run.scale(), run.seed(), progress -> latest.updateAndGet(r -> withProgress(r, progress)));
            latest.updateAndGet(r -> new Run(r.province(), r.scale(), r.seed(), r.login(), r.started(), r.progress(), report,
                    null, null));
        } catch (DomainException e) {
            latest.updateAndGet(r -> new Run(r.province(), r.scale(), r.seed(), r.login(), r.started(), r.progress(), null,
                    e.messageKey(), e.args()));
        } catch (RuntimeException e) {
            log.error("Demonstration data for {} failed", run.province(), e);
            latest.updateAndGet(r -> new Run(r.province(), r.scale(), r.seed(), r.login(), r.started(), r.progress(), null,
                    "demonstration.failed", new Object[]{e.getClass().getSimpleName()}));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Run withProgress(Run run, DemonstrationData.Progress progress) {
        return new Run(run.province(), run.scale(), run.seed(), run.login(), run.started(), progress, run.report(),
                run.problemKey(), run.problemArgs());
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
