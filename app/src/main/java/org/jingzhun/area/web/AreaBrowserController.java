package org.jingzhun.area.web;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The area browser: from the nation down to a village, each level listing its children with counts. */
@Controller
class AreaBrowserController {

    private final Areas areas;

    AreaBrowserController(Areas areas) {
        this.areas = areas;
    }

    @GetMapping("/areas")
    String nation(Model model) {
        return show(Areas.NATION, model);
    }

    @GetMapping("/areas/{code}")
    String area(@PathVariable String code, Model model) {
        return show(code, model);
    }

    /** Search results as a fragment for htmx, or as a whole page without JavaScript. */
    @GetMapping("/areas/search")
    String search(@RequestParam(defaultValue = "") String q, Model model,
                  @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx) {
        model.addAttribute("q", q);
        model.addAttribute("results", areas.search(q, 50));
        return htmx != null ? "area/browser :: results" : "area/search";
    }

    private String show(String code, Model model) {
        Area area = areas.get(code);
        model.addAttribute("area", area);
        model.addAttribute("children", areas.children(code));
        return "area/browser";
    }
}
