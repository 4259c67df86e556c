package org.jingzhun.account.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jingzhun.account.Accounts;
import org.jingzhun.account.UserAccount;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.Role;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and tokens, each change checked against the caller's roles and areas and written to the audit trail. */
@Service
class AccountRegister implements Accounts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountRegister.class);

    static final Set<String> LANGUAGES = Set.of("en", "zh_CN");
    /** Areas a user may be bound to: a county's villages fit; each is checked, so the list is bounded. */
    static final int MAX_AREAS = 1000;

    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordEncoder passwordEncoder;
    private final Areas areas;
    private final AuditTrail audit;
    private final AuthenticationManager passwords;
    private final org.springframework.transaction.support.TransactionOperations transactions;

    AccountRegister(UserStore users, TokenStore tokens, PasswordEncoder passwordEncoder, Areas areas, AuditTrail audit,
                    AuthenticationManager passwords, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.users = users;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.areas = areas;
        this.audit = audit;
        this.passwords = passwords;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    @Override
    public List<UserAccount> list(String text) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR, Role.AUDITOR);
        return users.inScope(caller, text);
    }

    @Override
    public UserAccount get(long id) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR, Role.AUDITOR);
        return reachable(caller, id);
    }

    @Override
    @Transactional
    public UserAccount create(UserForm form, String password) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        String login = form.login() == null ? "" : form.login().strip().toLowerCase(java.util.Locale.ROOT);
        List<FieldProblem> problems = new ArrayList<>(checkForm(caller, form));
        if (!login.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            problems.add(new FieldProblem("login", "format", "account.login.format"));
        } else if (users.byLogin(login).isPresent()) {
            problems.add(new FieldProblem("login", "taken", "account.login.taken", login));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        Passwords.check("password", password, login);
        long id = users.insert(login, form.name().strip(), form.language(), form.enabled(), true, passwordEncoder.encode(password));
        users.replaceRolesAndAreas(id, form.roles(), form.areas());
        UserAccount created = users.byId(id).orElseThrow().account();
        audit.record("user", Long.toString(id), "create", null, created, null, auditArea(created));
        return created;
    }

    @Override
    @Transactional
    public UserAccount update(long id, UserForm form, String reason) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        UserAccount before = manageable(caller, id);
        List<FieldProblem> problems = new ArrayList<>(checkForm(caller, form));
        if (id == caller.userId() && !form.enabled()) {
            problems.add(new FieldProblem("enabled", "self", "account.disable-self"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        users.update(id, form.name().strip(), form.language(), form.enabled());
        users.replaceRolesAndAreas(id, form.roles(), form.areas());
        UserAccount after = users.byId(id).orElseThrow().account();
        if (!after.enabled()) {
            tokens.revokeAll(id);
        }
        List<String> bothAreas = new ArrayList<>(before.areas());
        bothAreas.addAll(after.areas());
        audit.record("user", Long.toString(id), "update", before, after, reason, auditArea(bothAreas));
        return after;
    }

    @Override
    @Transactional
    public void resetPassword(long id, String password) {
        Caller caller = Caller.required();
        caller.requireAny(Role.ADMINISTRATOR);
        UserAccount user = manageable(caller, id);
        Passwords.check("password", password, user.login());
        users.setPassword(id, passwordEncoder.encode(password), true);
        tokens.revokeAll(id);
        audit.record("user", Long.toString(id), "reset-password", null, null, null, auditArea(user));
    }

    @Override
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Caller caller = Caller.required();
        UserStore.Row row = users.byId(caller.userId()).orElseThrow();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, row.passwordHash())) {
            throw DomainException.invalid(List.of(new FieldProblem("currentPassword", "wrong", "account.password.wrong")));
        }
        Passwords.check("newPassword", newPassword, caller.login());
        if (newPassword.equals(currentPassword)) {
            throw DomainException.invalid(List.of(new FieldProblem("newPassword", "unchanged", "account.password.unchanged")));
        }
        String hash = passwordEncoder.encode(newPassword);
        users.setPassword(caller.userId(), hash, false);
        audit.record("user", Long.toString(caller.userId()), "change-password", null, null, null, auditArea(row.account()));
        if (SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof SignedInUser signedIn) {
            signedIn.passwordChanged(hash); // this session goes on; the user's other sessions end
        }
    }

    @Override
    @Transactional
    public void changeOwnLanguage(String language) {
        Caller caller = Caller.required();
        if (!LANGUAGES.contains(language)) {
            throw DomainException.invalid(List.of(new FieldProblem("language", "unknown", "account.language.unknown", language)));
        }
        UserAccount before = users.byId(caller.userId()).orElseThrow().account();
        users.setLanguage(caller.userId(), language);
        audit.record("user", Long.toString(caller.userId()), "change-language", before.language(), language, null, auditArea(before));
    }

    @Override
    public List<ApiToken> ownTokens() {
        return tokens.ofUser(Caller.required().userId());
    }

    @Override
    @Transactional
    public NewToken createOwnToken(String name) {
        Caller caller = Caller.required();
        if (BearerTokenFilter.VIA_TOKEN.equals(SecurityContextHolder.getContext().getAuthentication().getDetails())) {
            // A token must not outlive its revocation by minting successors.
            throw new DomainException(DomainException.Kind.FORBIDDEN, "account.token.needs-sign-in");
        }
        UserStore.Row row = users.byId(caller.userId()).orElseThrow();
        if (row.account().mustChangePassword()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "account.password.change-first");
        }
        return newToken(row.account(), name);
    }

    @Override
    @Transactional
    public void revokeOwnToken(long tokenId) {
        Caller caller = Caller.required();
        if (!tokens.revoke(caller.userId(), tokenId)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "account.token.not-found", tokenId);
        }
        audit.record("api-token", Long.toString(tokenId), "revoke", null, null, null,
                auditArea(users.byId(caller.userId()).orElseThrow().account()));
    }

    /**
     * Not one transaction: the password is checked outside any, so that a flood of token requests cannot hold
     * every pooled connection while the attempts' own transactions wait for one.
     */
    @Override
    public NewToken issueToken(String login, String password, String name) {
        Authentication signedIn = signIn(login, password);
        return transactions.execute(status -> issueTokenTo(signedIn, name));
    }

    private NewToken issueTokenTo(Authentication signedIn, String name) {
        SignedInUser user = (SignedInUser) signedIn.getPrincipal();
        if (user.mustChangePassword()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "account.password.change-first");
        }
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext asUser = SecurityContextHolder.createEmptyContext();
        asUser.setAuthentication(signedIn);
        SecurityContextHolder.setContext(asUser); // the audit trail names the user as the one who made the token
        try {
            return newToken(users.byId(user.caller().userId()).orElseThrow().account(), name);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** As token issuing: the password is checked outside any transaction, the change made in one of its own. */
    @Override
    public void changePassword(String login, String currentPassword, String newPassword) {
        Authentication signedIn = signIn(login, currentPassword);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext asUser = SecurityContextHolder.createEmptyContext();
        asUser.setAuthentication(signedIn);
        SecurityContextHolder.setContext(asUser); // the same checks and audit as a signed-in user's own change
        try {
            transactions.executeWithoutResult(status -> changeOwnPassword(currentPassword, newPassword));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /**
     * The one place where the API checks a login and password (token issuing, password change): it goes through
     * the sign-in's authentication, so a failure counts toward the lockout and a locked account is refused.
     */
    private Authentication signIn(String login, String password) {
        try {
            UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                    login == null ? "" : login, password == null ? "" : password);
            // The request's address, as the sign-in form gives it: counted and logged per address.
            if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                    instanceof org.springframework.web.context.request.ServletRequestAttributes request) {
                attempt.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetailsSource()
                        .buildDetails(request.getRequest()));
            }
            return passwords.authenticate(attempt);
        } catch (SignInWait e) {
            throw new DomainException(DomainException.Kind.TOO_MANY, "account.sign-in.wait", e.minutes());
        } catch (AuthenticationException e) {
            throw new DomainException(DomainException.Kind.INVALID, "account.sign-in.failed");
        }
    }

    private NewToken newToken(UserAccount user, String name) {
        String tokenName = name == null || name.isBlank() ? "token" : name.strip();
        if (tokenName.length() > 100) {
            throw DomainException.invalid(List.of(new FieldProblem("name", "too-long", "account.token.name.too-long", 100)));
        }
        NewToken token = tokens.create(user.id(), tokenName);
        audit.record("api-token", Long.toString(token.token().id()), "create", null, token.token(), null, auditArea(user));
        return token;
    }

    /**
     * A user the caller may change: reachable, and holding no role the caller lacks, so that an administrator
     * cannot take over (reset the password of) a user more powerful than itself.
     */
    private UserAccount manageable(Caller caller, long id) {
        UserAccount user = reachable(caller, id);
        if (!caller.roles().containsAll(user.roles())) {
            log.warn("Refused: '{}' tried to change user {} who holds roles it lacks", caller.login(), user.login());
            throw new DomainException(DomainException.Kind.FORBIDDEN, "account.beyond-own", user.login());
        }
        return user;
    }

    /** A user all of whose areas the caller reaches; any other is absent for the caller. */
    private UserAccount reachable(Caller caller, long id) {
        return users.byId(id).map(UserStore.Row::account)
                .filter(user -> user.areas().stream().allMatch(caller::reaches))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "account.not-found", id));
    }

    /** Name, language, roles and areas: never more than the caller holds, never outside its areas. */
    private List<FieldProblem> checkForm(Caller caller, UserForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        if (form.name() == null || form.name().isBlank() || form.name().length() > 200) {
            problems.add(new FieldProblem("name", "required", "account.name.required"));
        } else if (form.name().chars().anyMatch(c -> Character.isISOControl(c) || c == 0x061C || c == 0x200E || c == 0x200F
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
            // a name that reads otherwise than it is (direction overrides) or holds what no one types
            problems.add(new FieldProblem("name", "control-character", "text.control-character"));
        }
        if (!LANGUAGES.contains(form.language())) {
            problems.add(new FieldProblem("language", "unknown", "account.language.unknown", form.language()));
        }
        Set<Role> roles = form.roles() == null ? Set.of() : form.roles();
        if (roles.isEmpty()) {
            problems.add(new FieldProblem("roles", "required", "account.roles.required"));
        }
        Set<Role> beyond = EnumSet.noneOf(Role.class);
        for (Role role : roles) {
            if (!caller.has(role)) {
                beyond.add(role);
            }
        }
        if (!beyond.isEmpty()) {
            log.warn("Refused: '{}' tried to grant roles it lacks: {}", caller.login(), beyond);
            problems.add(new FieldProblem("roles", "beyond-own", "account.roles.beyond-own", beyond.toString()));
        }
        Set<String> areaCodes = form.areas() == null ? Set.of() : form.areas();
        if (areaCodes.isEmpty()) {
            problems.add(new FieldProblem("areas", "required", "account.areas.required"));
        }
        if (areaCodes.size() > MAX_AREAS) {
            problems.add(new FieldProblem("areas", "too-many", "account.areas.too-many", MAX_AREAS));
            return problems; // not looked up one by one
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> outside = new TreeSet<>();
        for (String code : areaCodes) {
            if (code == null || code.length() > 12 || code.indexOf('\0') >= 0
                    || areas.find(code).filter(area -> !area.retired()).isEmpty()) {
                unknown.add(String.valueOf(code).replace('\0', '\uFFFD'));
            } else if (!caller.reaches(code)) {
                outside.add(code);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(new FieldProblem("areas", "unknown", "account.areas.unknown", String.join(", ", unknown)));
        }
        if (!outside.isEmpty()) {
            log.warn("Refused: '{}' tried to grant areas outside its own: {}", caller.login(), outside);
            problems.add(new FieldProblem("areas", "beyond-own", "account.areas.beyond-own", String.join(", ", outside)));
        }
        return problems;
    }

    /** The area a user's changes are filed under: the deepest area containing all of the user's areas. */
    static String auditArea(UserAccount user) {
        return auditArea(user.areas());
    }

    /** The deepest area containing all the given areas. */
    static String auditArea(List<String> areaCodes) {
        return AreaLevel.holdingAll(areaCodes);
    }
}
