package org.jingzhun.account;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.jingzhun.platform.Role;

/** A user as shown and audited: never with its password. {@code areas} are area codes, '' the nation. */
public record UserAccount(long id, String login, String name, String language, boolean enabled,
                          boolean mustChangePassword, Set<Role> roles, List<String> areas, OffsetDateTime createdAt) {
}
