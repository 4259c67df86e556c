package org.jingzhun.area.web;

import java.io.IOException;
import java.io.InputStream;

import org.jingzhun.area.Areas;
import org.jingzhun.area.Counties;
import org.jingzhun.area.CountyAttribute;
import org.jingzhun.area.CountyAttributes;
import org.jingzhun.area.Region;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin page of county attributes: a province's counties, one county's form, and list import. */
@Controller
class CountyAdminController {

    private final Counties counties;
    private final Areas areas;
    private final ProblemMessages problemMessages;

    CountyAdminController(Counties counties, Areas areas, ProblemMessages problemMessages) {
        this.counties = counties;
        this.areas = areas;
        this.problemMessages = problemMessages;
    }

    /** Without a chosen area, a user bound to areas below the nation sees the first of them. */
    @GetMapping("/counties")
    String list(@RequestParam(required = false) String area, Model model) {
        Caller caller = Caller.required();
        if (area == null) {
            area = caller.national() ? "" : caller.areas().stream().sorted().findFirst().orElse("");
        }
        model.addAttribute("area", areas.get(area));
        model.addAttribute("provinces", areas.children(Areas.NATION));
        model.addAttribute("counties", area.isEmpty() ? java.util.List.of() : counties.inside(area));
        addChoices(model);
        return "area/counties";
    }

    @GetMapping("/counties/{code}")
    String edit(@PathVariable String code, Model model) {
        model.addAttribute("county", counties.get(code));
        model.addAttribute("area", areas.get(code));
        addChoices(model);
        return "area/county";
    }

    @PostMapping("/counties/{code}")
    String save(@PathVariable String code, @RequestParam(defaultValue = "false") boolean nationalKey,
                @RequestParam(defaultValue = "false") boolean poor, @RequestParam(defaultValue = "") String destituteArea,
                @RequestParam(defaultValue = "false") boolean provincialKey, @RequestParam(defaultValue = "") String region,
                Model model, RedirectAttributes redirect) {
        try {
            counties.update(code, nationalKey, poor, destituteArea, provincialKey, Region.parse(region));
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("county", new CountyAttributes(code, areas.get(code).name(), nationalKey, poor,
                    destituteArea.isEmpty() ? null : destituteArea, provincialKey,
                    Region.ofProvince(code), false));
            model.addAttribute("area", areas.get(code));
            model.addAttribute("problems", problemMessages.byField(e));
            addChoices(model);
            return "area/county";
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/counties/" + code;
    }

    /** The XLSX template of a county list, from the list's column specification. */
    @GetMapping("/counties/list-template")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> template(
            java.util.Locale locale) {
        Caller.required();
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"county-list-template.xlsx\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> counties.writeListTemplate(locale, out));
    }

    @PostMapping("/counties/import")
    String importList(@RequestParam CountyAttribute attribute, @RequestParam(defaultValue = "") String value,
                      @RequestParam(defaultValue = "false") boolean replace, @RequestParam MultipartFile file,
                      @RequestParam(defaultValue = "") String area, RedirectAttributes redirect) throws IOException {
        try (InputStream in = file.getInputStream()) {
            redirect.addFlashAttribute("imported", counties.importList(attribute, value, replace, in));
        } catch (DomainException e) {
            redirect.addFlashAttribute("importProblems", problemMessages.all(e));
        }
        redirect.addAttribute("area", area);
        return "redirect:/counties";
    }

    private void addChoices(Model model) {
        model.addAttribute("destituteAreas", counties.destituteAreas());
        model.addAttribute("regions", Region.values());
        model.addAttribute("attributes", CountyAttribute.values());
    }
}
