package org.jingzhun.account.internal;

import java.io.PrintStream;
import java.util.List;

import org.jingzhun.audit.AuditTrail;
import org.jingzhun.platform.CommandLineCommand;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command {@code reset-password [--login=admin] [--enable]}, for a lost password (the administrator's one-time
 * password scrolled away, say): started with it, the application gives the user a new one-time password, to be
 * changed at the next sign-in, lifts the waits of failed sign-ins, revokes the user's tokens, records it all in the
 * audit trail under the login "system", prints the password and exits: 0 when done, 2 when there is no such user.
 * It needs the server stopped, since a running one holds the data directory. Whoever can start the application owns
 * its data anyway, so the command asks for nothing more.
 */
@Component
@Order(50) // after the first administrator exists, before the other commands
class ResetPasswordCommand extends CommandLineCommand {

    static final String COMMAND = "reset-password";

    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    ResetPasswordCommand(UserStore users, TokenStore tokens, PasswordEncoder passwordEncoder, AuditTrail audit,
                         JdbcClient jdbc, TransactionTemplate transaction, ApplicationContext context) {
        super(COMMAND, context);
        this.users = users;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public int execute(ApplicationArguments args, PrintStream out) {
        List<String> logins = args.getOptionValues("login");
        String login = logins == null || logins.isEmpty() ? FirstAdministrator.LOGIN : logins.getLast().strip();
        boolean enable = args.containsOption("enable");
        UserStore.Row row = users.byLogin(login).orElse(null);
        if (row == null) {
            out.println(COMMAND + ": no user '" + login + "'\nusage: " + COMMAND + " [--login=admin] [--enable]");
            return 2;
        }
        long id = row.account().id();
        String password = Passwords.random(16);
        transaction.executeWithoutResult(status -> {
            users.setPassword(id, passwordEncoder.encode(password), true);
            jdbc.sql("delete from sign_in_failure where login = :login").param("login", login).update();
            tokens.revokeAll(id);
            if (enable && !row.account().enabled()) {
                users.update(id, row.account().name(), row.account().language(), true);
            }
            audit.record("user", Long.toString(id), "reset-password", null, null,
                    enable && !row.account().enabled() ? "command line: lost password; enabled again" : "command line: lost password",
                    AccountRegister.auditArea(row.account()));
        });
        out.printf("""

                ==================================================================
                  Password reset:  login '%s'   one-time password '%s'
                  Sign in at /login; you will be asked to choose a new password.%s
                ==================================================================
                """, login, password, row.account().enabled() || enable ? ""
                : "\n  The account is disabled: run again with --enable, or enable it as an administrator.");
        return 0;
    }
}
