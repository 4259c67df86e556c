package org.jingzhun.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jingzhun.account.internal.SignInWait;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; Spring Security handles the form it posts. After an attempt refused for too many failures
 * (from this address, or everywhere for this login) the page says how long to wait, rather than that the password
 * is wrong.
 */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (request.getParameterMap().containsKey("error") && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof SignInWait wait) {
            model.addAttribute("waitMinutes", wait.minutes());
        }
        return "account/login";
    }
}
