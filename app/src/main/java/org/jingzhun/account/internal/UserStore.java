package org.jingzhun.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jingzhun.account.UserAccount;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rows of users with their roles and areas; the one place that reads and writes those tables. */
@Component
class UserStore {

    private static final String SELECT = """
            select u.id, u.login, u.name, u.language, u.enabled, u.must_change_password, u.created_at,
                   u.password_hash, u.locked_until,
                   coalesce((select string_agg(role, ',' order by role) from user_role r where r.user_id = u.id), '') as roles,
                   coalesce((select string_agg(area_code, ',' order by area_code) from user_area a where a.user_id = u.id), '') as areas,
                   exists (select 1 from user_area a where a.user_id = u.id and a.area_code = '') as national
              from app_user u
            """;

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user row with what sign-in needs. */
    record Row(UserAccount account, String passwordHash, OffsetDateTime lockedUntil) {
        SignedInUser signedIn() {
            return new SignedInUser(new Caller(account.id(), account.login(), account.roles(), Set.copyOf(account.areas())),
                    passwordHash, account.enabled(), lockedUntil, account.language(), account.mustChangePassword());
        }
    }

    Optional<Row> byLogin(String login) {
        return jdbc.sql(SELECT + " where u.login = :login").param("login", login).query(this::row).optional();
    }

    Optional<Row> byId(long id) {
        return jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(this::row).optional();
    }

    /**
     * Users all of whose areas lie inside the caller's areas, matching the text (name or login contains it).
     * A user bound to an area outside the caller's is absent for it.
     */
    List<UserAccount> inScope(Caller caller, String text) {
        Caller.Restriction scope = caller.restrict("a.area_code");
        return jdbc.sql(SELECT + """
                 where not exists (select 1 from user_area a where a.user_id = u.id and not (""" + scope.sql() + """
                 ))
                   and (:text = '' or position(lower(:text) in lower(u.name)) > 0 or position(lower(:text) in u.login) > 0)
                 order by u.login limit 500""")
                .params(scope.parameters()).param("text", text == null ? "" : text.strip())
                .query(this::row).list().stream().map(Row::account).toList();
    }

    int count() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
    }

    long insert(String login, String name, String language, boolean enabled, boolean mustChange, String passwordHash) {
        return jdbc.sql("""
                insert into app_user (login, name, language, enabled, must_change_password, password_hash)
                values (:login, :name, :language, :enabled, :mustChange, :hash) returning id""")
                .param("login", login).param("name", name).param("language", language).param("enabled", enabled)
                .param("mustChange", mustChange).param("hash", passwordHash)
                .query(Long.class).single();
    }

    void update(long id, String name, String language, boolean enabled) {
        jdbc.sql("update app_user set name = :name, language = :language, enabled = :enabled, updated_at = now() where id = :id")
                .param("id", id).param("name", name).param("language", language).param("enabled", enabled).update();
    }

    void replaceRolesAndAreas(long id, Set<Role> roles, Set<String> areas) {
        jdbc.sql("delete from user_role where user_id = :id").param("id", id).update();
        jdbc.sql("delete from user_area where user_id = :id").param("id", id).update();
        for (Role role : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role.name()).update();
        }
        for (String area : areas) {
            jdbc.sql("insert into user_area (user_id, area_code) values (:id, :area)").param("id", id).param("area", area).update();
        }
    }

    void setPassword(long id, String passwordHash, boolean mustChange) {
        jdbc.sql("""
                update app_user set password_hash = :hash, must_change_password = :mustChange, failed_logins = 0,
                       locked_until = null, updated_at = now() where id = :id""")
                .param("id", id).param("hash", passwordHash).param("mustChange", mustChange).update();
    }

    void setLanguage(long id, String language) {
        jdbc.sql("update app_user set language = :language, updated_at = now() where id = :id")
                .param("id", id).param("language", language).update();
    }

    /**
     * Counts a wrong password since the last success. It locks nothing: a lock of the whole account let anyone
     * lock anyone out; {@link SignInAttempts} refuses attempts per login and address instead.
     */
    void failedSignIn(String login) {
        jdbc.sql("update app_user set failed_logins = failed_logins + 1 where login = :login").param("login", login).update();
    }

    void succeededSignIn(String login) {
        jdbc.sql("update app_user set failed_logins = 0, locked_until = null where login = :login and failed_logins > 0")
                .param("login", login).update();
    }

    private Row row(ResultSet rs, int rowNum) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : rs.getString("roles").split(",")) {
            if (!role.isEmpty()) {
                roles.add(Role.valueOf(role));
            }
        }
        Set<String> areas = new TreeSet<>();
        for (String area : rs.getString("areas").split(",")) {
            if (!area.isEmpty()) {
                areas.add(area);
            }
        }
        if (rs.getBoolean("national")) {
            areas.add("");
        }
        UserAccount account = new UserAccount(rs.getLong("id"), rs.getString("login"), rs.getString("name"),
                rs.getString("language"), rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
                roles, List.copyOf(areas), rs.getObject("created_at", OffsetDateTime.class));
        return new Row(account, rs.getString("password_hash"), rs.getObject("locked_until", OffsetDateTime.class));
    }
}
