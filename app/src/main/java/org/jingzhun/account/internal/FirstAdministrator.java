package org.jingzhun.account.internal;

import java.util.EnumSet;
import java.util.Set;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * When no user exists, creates the national administrator {@code admin} holding every role. Its password is
 * {@code JINGZHUN_ADMIN_PASSWORD} when set; otherwise a one-time password is printed, to be changed at first sign-in.
 */
@Component
@Order(0)
class FirstAdministrator implements ApplicationRunner {

    static final String LOGIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final UserStore users;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final FirstLanguage firstLanguage;
    private final String configuredPassword;

    FirstAdministrator(UserStore users, PasswordEncoder passwordEncoder, AuditTrail audit, FirstLanguage firstLanguage,
                       @Value("${jingzhun.admin-password:}") String configuredPassword) {
        this.users = users;
        this.firstLanguage = firstLanguage;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean given = !configuredPassword.isBlank();
        String password = given ? configuredPassword : Passwords.random(16);
        if (given) {
            Passwords.check("JINGZHUN_ADMIN_PASSWORD", password, LOGIN);
        }
        long id = users.insert(LOGIN, "Administrator", "en", true, !given, passwordEncoder.encode(password));
        users.replaceRolesAndAreas(id, EnumSet.allOf(Role.class), Set.of(""));
        firstLanguage.leaveOpen(id); // "en" until the first browser that signs in says otherwise
        audit.record("user", Long.toString(id), "create", null, users.byId(id).orElseThrow().account(),
                "first start: the national administrator", "");
        if (given) {
            log.warn("Created the national administrator '{}' with the password from JINGZHUN_ADMIN_PASSWORD", LOGIN);
        } else {
            log.warn("""

                    ==================================================================
                      First administrator:  login '{}'   one-time password '{}'
                      Sign in at /login; you will be asked to choose a new password.
                    ==================================================================""", LOGIN, password);
        }
    }
}
