package org.jingzhun.account.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingzhun.account.Accounts;
import org.jingzhun.account.Accounts.UserForm;
import org.jingzhun.account.UserAccount;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.ProblemMessages;
import org.jingzhun.platform.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user list and the user page, within the caller's areas. */
@Controller
class UserPagesController {

    private final Accounts accounts;
    private final Areas areas;
    private final ProblemMessages problemMessages;

    UserPagesController(Accounts accounts, Areas areas, ProblemMessages problemMessages) {
        this.accounts = accounts;
        this.areas = areas;
        this.problemMessages = problemMessages;
    }

    @GetMapping("/users")
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("users", accounts.list(q));
        model.addAttribute("areaNames", areaNames(accounts.list(q).stream().flatMap(u -> u.areas().stream()).toList()));
        return "account/users";
    }

    @GetMapping("/users/new")
    String newUser(Model model) {
        return form(model, null, Map.of("language", "zh_CN", "enabled", true, "roles", Set.of(), "areas", ""), Map.of());
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable long id, Model model) {
        UserAccount user = accounts.get(id);
        return form(model, user, Map.of("login", user.login(), "name", user.name(), "language", user.language(),
                "enabled", user.enabled(), "roles", user.roles(), "areas", String.join(" ", user.areas())), Map.of());
    }

    @PostMapping("/users")
    String create(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "zh_CN") String language, @RequestParam(defaultValue = "false") boolean enabled,
                  @RequestParam(required = false) List<String> roles, @RequestParam(defaultValue = "") String areaCodes,
                  @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect) {
        UserForm form = new UserForm(login, name, language, enabled, roles(roles), codes(areaCodes));
        try {
            UserAccount created = accounts.create(form, password);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/users/" + created.id();
        } catch (DomainException e) {
            return refused(e, model, null, form, areaCodes);
        }
    }

    @PostMapping("/users/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "zh_CN") String language, @RequestParam(defaultValue = "false") boolean enabled,
                  @RequestParam(required = false) List<String> roles, @RequestParam(defaultValue = "") String areaCodes,
                  @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        UserAccount user = accounts.get(id);
        UserForm form = new UserForm(user.login(), name, language, enabled, roles(roles), codes(areaCodes));
        try {
            accounts.update(id, form, reason);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/users/" + id;
        } catch (DomainException e) {
            return refused(e, model, user, form, areaCodes);
        }
    }

    @PostMapping("/users/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String password,
                         RedirectAttributes redirect) {
        try {
            accounts.resetPassword(id, password);
            redirect.addFlashAttribute("passwordReset", true);
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            redirect.addFlashAttribute("passwordProblems", problemMessages.all(e));
        }
        return "redirect:/users/" + id;
    }

    private String refused(DomainException e, Model model, UserAccount user, UserForm form, String areaCodes) {
        if (e.kind() != DomainException.Kind.INVALID) {
            throw e;
        }
        return form(model, user, Map.of("login", form.login(), "name", form.name(), "language", form.language(),
                "enabled", form.enabled(), "roles", form.roles(), "areas", areaCodes), problemMessages.byField(e));
    }

    private String form(Model model, UserAccount user, Map<String, Object> values, Map<String, String> problems) {
        model.addAttribute("user", user);
        model.addAttribute("form", values);
        model.addAttribute("problems", problems);
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("areaNames", user == null ? Map.of() : areaNames(user.areas()));
        model.addAttribute("bindingWarning", user != null && enteredAboveTheTownship(user));
        return "account/user";
    }

    /**
     * Whether the user enters data for an area above the township: the steps of identification before the county's
     * (appraisal, verification, publicities) are made by a village's or township's data entry, so such a user can
     * apply but not take the procedure on. Said on the user's page, since it is a common mistake and not an error.
     */
    static boolean enteredAboveTheTownship(UserAccount user) {
        return user.roles().contains(Role.DATA_ENTRY)
                && user.areas().stream().anyMatch(area -> area.length() < AreaLevel.TOWNSHIP.codeLength());
    }

    private Map<String, String> areaNames(List<String> codes) {
        Map<String, String> names = new java.util.TreeMap<>();
        for (String code : new LinkedHashSet<>(codes)) {
            areas.find(code).ifPresent(area -> names.put(code, area.fullName()));
        }
        return names;
    }

    /** Unknown role names are dropped: the form only offers real ones. */
    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names != null) {
            for (String name : names) {
                Arrays.stream(Role.values()).filter(role -> role.name().equals(name)).forEach(roles::add);
            }
        }
        return roles;
    }

    /** Area codes separated by spaces, commas or lines; "0" or "全国" stands for the nation. */
    static Set<String> codes(String text) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : text.split("[\\s,，;；]+")) {
            if (!code.isBlank()) {
                codes.add(code.equals("0") || code.equals(Areas.NATION_NAME) ? Areas.NATION : code);
            }
        }
        return codes;
    }
}
