package org.jingzhun.account.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jingzhun.account.Accounts;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The caller's own account: password, language and API tokens. */
@Controller
class MyAccountController {

    private final Accounts accounts;
    private final ProblemMessages problemMessages;
    private final LocaleResolver localeResolver;

    MyAccountController(Accounts accounts, ProblemMessages problemMessages, LocaleResolver localeResolver) {
        this.accounts = accounts;
        this.problemMessages = problemMessages;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/account")
    String account(Model model) {
        model.addAttribute("me", Caller.required());
        model.addAttribute("tokens", accounts.ownTokens());
        return "account/me";
    }

    @GetMapping("/account/password")
    String passwordPage() {
        return "account/password";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword, Model model, RedirectAttributes redirect) {
        try {
            accounts.changeOwnPassword(currentPassword, newPassword);
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("problems", problemMessages.byField(e));
            return "account/password";
        }
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/account";
    }

    @PostMapping("/account/language")
    String language(@RequestParam String language, HttpServletRequest request, HttpServletResponse response) {
        accounts.changeOwnLanguage(language);
        localeResolver.setLocale(request, response, Locale.forLanguageTag(language.replace('_', '-')));
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", accounts.createOwnToken(name));
        } catch (DomainException e) {
            redirect.addFlashAttribute("tokenProblems", problemMessages.all(e));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id) {
        accounts.revokeOwnToken(id);
        return "redirect:/account";
    }
}
