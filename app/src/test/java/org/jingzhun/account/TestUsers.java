package org.jingzhun.account;

import java.util.Set;
import java.util.UUID;

import org.jingzhun.TestCallers;
import org.jingzhun.account.Accounts.UserForm;
import org.jingzhun.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real users for sign-in tests, created by the national administrator, each with a fresh login. */
public final class TestUsers {

    public static final String PASSWORD = "Test-Password-42";

    private TestUsers() {
    }

    /** A user who has already chosen its password (no change needed at sign-in). */
    public static UserAccount create(Accounts accounts, JdbcClient jdbc, Set<Role> roles, String... areas) {
        UserAccount user = createFresh(accounts, roles, areas);
        jdbc.sql("update app_user set must_change_password = false where id = :id").param("id", user.id()).update();
        return user;
    }

    /** A user as an administrator creates it: the password must be changed at first sign-in. */
    static UserAccount createFresh(Accounts accounts, Set<Role> roles, String... areas) {
        TestCallers.signIn(TestCallers.NATIONAL_ADMINISTRATOR);
        try {
            String login = "u" + UUID.randomUUID().toString().substring(0, 8);
            return accounts.create(new UserForm(login, "Test " + login, "en", true, roles, Set.of(areas)), PASSWORD);
        } finally {
            TestCallers.signOut();
        }
    }
}
