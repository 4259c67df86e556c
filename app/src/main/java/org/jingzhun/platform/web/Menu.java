package org.jingzhun.platform.web;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;

/**
 * Which of the layout's menus a caller sees, grouped by task, decided once per page here rather than by a dozen role
 * checks in the template on every page.
 *
 * @param registry      households and identification: data entry, reviewers, auditors, administrators
 * @param imports       imports: data entry and administrators
 * @param statistics    statistics: analysts, auditors, administrators and reviewers
 * @param oversight     users and the audit trail: administrators and auditors
 * @param demonstration demonstration data: the national administrator
 */
public record Menu(boolean registry, boolean imports, boolean statistics, boolean oversight, boolean demonstration) {

    /** The menus of the caller; none for an anonymous visitor (null). */
    public static Menu of(Caller caller) {
        if (caller == null) {
            return new Menu(false, false, false, false, false);
        }
        return new Menu(any(caller, Role.DATA_ENTRY, Role.REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR),
                any(caller, Role.DATA_ENTRY, Role.ADMINISTRATOR),
                any(caller, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.REVIEWER),
                any(caller, Role.ADMINISTRATOR, Role.AUDITOR),
                caller.has(Role.ADMINISTRATOR) && caller.national());
    }

    private static boolean any(Caller caller, Role... roles) {
        for (Role role : roles) {
            if (caller.has(role)) {
                return true;
            }
        }
        return false;
    }
}
