package org.jingzhun.identification.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jingzhun.area.Areas;
import org.jingzhun.identification.Objection;
import org.jingzhun.identification.Procedure;
import org.jingzhun.identification.Publicity;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public's pages, made for phones: find a county, township or village, read its lists in publicity and its
 * announcements (ID numbers masked), and file an objection (name and contact optional). A hidden field that
 * people leave empty catches the robots that fill every field; their filings are thanked for and dropped. The form
 * carries a challenge that its script ({@code /js/objection.js}) solves while the citizen writes; during a flood a
 * filing needs that answer.
 */
@Controller
class PublicPagesController {

    private final Publicity publicity;
    private final Areas areas;
    private final ProblemMessages messages;

    PublicPagesController(Publicity publicity, Areas areas, ProblemMessages messages) {
        this.publicity = publicity;
        this.areas = areas;
        this.messages = messages;
    }

    @GetMapping("/public/identification")
    String notices(@RequestParam(defaultValue = "") String area, @RequestParam(defaultValue = "") String q,
                   @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        if (!q.isBlank()) {
            model.addAttribute("found", areas.search(q.strip(), 30).stream()
                    .filter(a -> a.level().depth() >= org.jingzhun.area.AreaLevel.COUNTY.depth()).toList());
        }
        if (!area.isBlank()) {
            model.addAttribute("notices", publicity.notices(area, page));
            model.addAttribute("page", page);
        }
        return "identification/public";
    }

    @GetMapping("/public/identification/objection")
    String objectionForm(@RequestParam Procedure procedure, @RequestParam long subject, @RequestParam(defaultValue = "") String area,
                         Model model) {
        model.addAttribute("procedure", procedure);
        model.addAttribute("subject", subject);
        model.addAttribute("area", area);
        model.addAttribute("challenge", publicity.challenge());
        // Which household or village the objection is about, so that nobody files against the wrong one.
        model.addAttribute("notice", publicity.inPublicity(procedure, subject).orElse(null));
        return "identification/objection";
    }

    @PostMapping("/public/identification/objection")
    String object(@RequestParam Procedure procedure, @RequestParam long subject, @RequestParam(defaultValue = "") String area,
                  @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String contact, @RequestParam(defaultValue = "") String website,
                  @RequestParam(defaultValue = "") String challenge, @RequestParam(defaultValue = "") String nonce,
                  HttpServletRequest request, Model model) {
        model.addAttribute("procedure", procedure);
        model.addAttribute("subject", subject);
        model.addAttribute("area", area);
        // Which household or village the objection is about, so that nobody files against the wrong one.
        model.addAttribute("notice", publicity.inPublicity(procedure, subject).orElse(null));
        if (!website.isEmpty()) {
            model.addAttribute("received", true); // a robot filled the field people cannot see
            return "identification/objection";
        }
        try {
            publicity.object(procedure, subject, new Objection.Form(text, name, contact), request.getRemoteAddr(),
                    new Objection.Proof(challenge, nonce));
            model.addAttribute("received", true);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("problems", messages.all(e));
            model.addAttribute("text", text);
            model.addAttribute("name", name);
            model.addAttribute("contact", contact);
            model.addAttribute("challenge", publicity.challenge()); // each answers one filing: a new one to send again
        }
        return "identification/objection";
    }
}
