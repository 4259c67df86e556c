package org.jingzhun.poverty.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.poverty.PovertyLines;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The poverty lines page: the table, the form to add a line, and the lookup of the line in force. */
@Controller
class PovertyLinePageController {

    private final PovertyLines lines;
    private final Areas areas;
    private final ProblemMessages problemMessages;

    PovertyLinePageController(PovertyLines lines, Areas areas, ProblemMessages problemMessages) {
        this.lines = lines;
        this.areas = areas;
        this.problemMessages = problemMessages;
    }

    @GetMapping("/poverty-lines")
    String page(@RequestParam(defaultValue = "") String province, @RequestParam(required = false) Integer year,
                Model model) {
        if (!province.isEmpty() && year != null) {
            try {
                model.addAttribute("inForce", lines.lineFor(province, year));
            } catch (DomainException e) {
                model.addAttribute("inForceProblem", problemMessages.summary(e));
            }
        }
        model.addAttribute("province", province);
        model.addAttribute("year", year);
        return show(model);
    }

    @PostMapping("/poverty-lines")
    String add(@RequestParam(defaultValue = "") String provinceCode, @RequestParam(defaultValue = "") String year,
               @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String note,
               Model model, RedirectAttributes redirect) {
        try {
            lines.add(provinceCode, parseYear(year), parseAmount(amount), note);
        } catch (DomainException e) {
            model.addAttribute("problems", problemMessages.byField(e));
            model.addAttribute("form", Map.of("provinceCode", provinceCode, "year", year, "amount", amount, "note", note));
            return show(model);
        }
        redirect.addFlashAttribute("added", true);
        return "redirect:/poverty-lines";
    }

    private String show(Model model) {
        List<Area> provinces = areas.children(Areas.NATION);
        model.addAttribute("lines", lines.list(null));
        model.addAttribute("provinces", provinces);
        Map<String, String> provinceNames = provinces.stream().collect(Collectors.toMap(Area::code, Area::name));
        model.addAttribute("provinceNames", provinceNames);
        return "poverty/lines";
    }

    /** Text that is not a whole number is refused as a bad year, with the same message as a missing one. */
    private static Integer parseYear(String text) {
        try {
            return text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(java.util.List.of(
                    new DomainException.FieldProblem("year", "format", "poverty-line.year.format", text)));
        }
    }

    private static BigDecimal parseAmount(String text) {
        try {
            return text.isBlank() ? null : new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalid(java.util.List.of(
                    new DomainException.FieldProblem("amount", "format", "poverty-line.amount.format", text)));
        }
    }
}
