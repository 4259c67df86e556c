package org.jingzhun.account.internal;

import java.util.Locale;

import org.jingzhun.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user whose language nobody chose (the first administrator, made at the first start) takes the language of the
 * browser that first signs in as it; from then on the user's own choice stands.
 */
@Component
class FirstLanguage {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    FirstLanguage(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Marks a new user's language as not chosen yet. */
    void leaveOpen(long userId) {
        jdbc.sql("update app_user set language_chosen = false where id = :id").param("id", userId).update();
    }

    /** The language the user's pages speak after signing in from a browser of this locale. */
    @Transactional
    public String atSignIn(long userId, String language, Locale browser) {
        String chosen = browser != null && browser.getLanguage().equals("zh") ? "zh_CN" : "en";
        // One statement, so that two first sign-ins at once cannot both choose.
        boolean taken = jdbc.sql("""
                        update app_user set language = :language, language_chosen = true, updated_at = now()
                        where id = :id and not language_chosen""")
                .param("id", userId).param("language", chosen).update() == 1;
        if (!taken) {
            return language;
        }
        if (!chosen.equals(language)) {
            audit.record("user", Long.toString(userId), "change-language", language, chosen,
                    "first sign-in: the browser's language", "");
        }
        return chosen;
    }
}
