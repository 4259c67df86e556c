package org.jingzhun.account;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.jingzhun.platform.Role;

/**
 * Managing users within the caller's areas, and the caller's own password, language and API tokens.
 * An administrator never grants a role it lacks nor an area outside its own; users outside its areas are absent.
 */
public interface Accounts {

    /** The users all of whose areas are inside the caller's, whose name or login contains the text. */
    List<UserAccount> list(String text);

    /** A user inside the caller's areas; others are not found. */
    UserAccount get(long id);

    /** Creates a user, who must change the given password at first sign-in. */
    UserAccount create(UserForm form, String password);

    /** Changes name, language, enabled, roles and areas (the login stays). */
    UserAccount update(long id, UserForm form, String reason);

    /** Sets a new password that the user must change at next sign-in. */
    void resetPassword(long id, String password);

    void changeOwnPassword(String currentPassword, String newPassword);

    void changeOwnLanguage(String language);

    List<ApiToken> ownTokens();

    /** Creates a token for the caller; its secret is shown only now. */
    NewToken createOwnToken(String name);

    void revokeOwnToken(long tokenId);

    /** For scripts that start unattended: a new token for the user with this login and password. */
    NewToken issueToken(String login, String password, String name);

    /**
     * For users created through the API, who get no token before they have chosen their password: changes the
     * password of the user with this login and current password. A wrong one counts toward the lockout as a sign-in does.
     */
    void changePassword(String login, String currentPassword, String newPassword);

    /** The editable parts of a user. */
    record UserForm(String login, String name, String language, boolean enabled, Set<Role> roles, Set<String> areas) {
    }

    /** A personal API token; the secret itself is not kept. */
    record ApiToken(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                    OffsetDateTime revokedAt) {
    }

    /** A token just created, with its secret. */
    record NewToken(ApiToken token, String secret) {
    }
}
