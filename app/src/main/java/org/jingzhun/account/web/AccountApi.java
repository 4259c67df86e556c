package org.jingzhun.account.web;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.account.Accounts;
import org.jingzhun.account.Accounts.ApiToken;
import org.jingzhun.account.Accounts.NewToken;
import org.jingzhun.account.Accounts.UserForm;
import org.jingzhun.account.UserAccount;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users within the caller's areas, the caller's own tokens, and tokens for unattended scripts. */
@RestController
@Tag(name = "Accounts", description = "Users, roles, areas and API tokens")
class AccountApi {

    private final Accounts accounts;

    AccountApi(Accounts accounts) {
        this.accounts = accounts;
    }

    /** A user to create or change; {@code password} only at creation. */
    record UserRequest(String login, String name, String language, Boolean enabled, Set<Role> roles, Set<String> areas,
                       String password, String reason) {
        UserForm form() {
            return new UserForm(login, name, language == null ? "zh_CN" : language, !Boolean.FALSE.equals(enabled),
                    roles == null ? Set.of() : roles, areas == null ? Set.of() : areas);
        }
    }

    record TokenRequest(String login, String password, String name) {
    }

    record PasswordRequest(String password) {
    }

    @PostMapping("/api/v1/auth/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new API token for a login and password, for scripts that start unattended; the token is shown only now;"
            + " 429 with the minutes to wait after too many failures (five in a row from one address, or many from everywhere)",
            security = {})
    NewToken issue(@RequestBody TokenRequest request) {
        return accounts.issueToken(request.login(), request.password(), request.name());
    }

    /** A login with its current password and the new one. */
    record PasswordChangeRequest(String login, String currentPassword, String newPassword) {
    }

    @PostMapping("/api/v1/auth/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Changes the password of a login given its current one, for users created through the API, who get"
            + " a token only once they have chosen their password; a wrong password counts toward the lockout as a sign-in does",
            security = {})
    void changePassword(@RequestBody PasswordChangeRequest request) {
        accounts.changePassword(request.login(), request.currentPassword(), request.newPassword());
    }

    @GetMapping("/api/v1/account")
    @Operation(summary = "Who the caller is: login, roles and areas")
    Caller me() {
        return Caller.required();
    }

    @GetMapping("/api/v1/account/tokens")
    @Operation(summary = "The caller's API tokens (without their secrets)")
    List<ApiToken> tokens() {
        return accounts.ownTokens();
    }

    @PostMapping("/api/v1/account/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new API token for the caller; the token is shown only now")
    NewToken createToken(@RequestParam(defaultValue = "token") String name) {
        return accounts.createOwnToken(name);
    }

    @DeleteMapping("/api/v1/account/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revokes one of the caller's tokens")
    void revoke(@PathVariable long id) {
        accounts.revokeOwnToken(id);
    }

    @GetMapping("/api/v1/users")
    @Operation(summary = "Users within the caller's areas whose name or login contains q")
    List<UserAccount> users(@RequestParam(defaultValue = "") String q) {
        return accounts.list(q);
    }

    @GetMapping("/api/v1/users/{id}")
    @Operation(summary = "One user within the caller's areas; 404 otherwise")
    UserAccount user(@PathVariable long id) {
        return accounts.get(id);
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Creates a user with roles the caller holds and areas inside the caller's; the user changes the password at first sign-in")
    UserAccount create(@RequestBody UserRequest request) {
        return accounts.create(request.form(), request.password());
    }

    @PutMapping("/api/v1/users/{id}")
    @Operation(summary = "Changes a user's name, language, enabled, roles and areas")
    UserAccount update(@PathVariable long id, @RequestBody UserRequest request) {
        return accounts.update(id, request.form(), request.reason());
    }

    @PostMapping("/api/v1/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sets a password the user must change at next sign-in")
    void resetPassword(@PathVariable long id, @RequestBody PasswordRequest request) {
        accounts.resetPassword(id, request.password());
    }
}
