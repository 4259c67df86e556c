package org.jingzhun.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form it posts. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn() {
        return "account/login";
    }
}
