package org.jingzhun.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page is the area browser until there is a dashboard. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/areas";
    }
}
