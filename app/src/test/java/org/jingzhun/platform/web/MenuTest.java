package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.jingzhun.TestCallers;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;

/** The layout's menus follow the caller's roles, and demonstration data only the national administrator's. */
class MenuTest {

    @Test
    void theMenusFollowTheRoles() {
        assertThat(Menu.of(null)).isEqualTo(new Menu(false, false, false, false, false));
        assertThat(Menu.of(TestCallers.of("clerk", EnumSet.of(Role.DATA_ENTRY), "530102")))
                .isEqualTo(new Menu(true, true, false, false, false));
        assertThat(Menu.of(TestCallers.of("reviewer", EnumSet.of(Role.REVIEWER), "530102")))
                .isEqualTo(new Menu(true, false, true, false, false));
        assertThat(Menu.of(TestCallers.of("analyst", EnumSet.of(Role.ANALYST), "53")))
                .isEqualTo(new Menu(false, false, true, false, false));
        assertThat(Menu.of(TestCallers.of("auditor", EnumSet.of(Role.AUDITOR), "53")))
                .isEqualTo(new Menu(true, false, true, true, false));
        assertThat(Menu.of(TestCallers.of("provincial-administrator", EnumSet.of(Role.ADMINISTRATOR), "53")))
                .isEqualTo(new Menu(true, true, true, true, false));
        assertThat(Menu.of(TestCallers.of("administrator", EnumSet.of(Role.ADMINISTRATOR), "")))
                .isEqualTo(new Menu(true, true, true, true, true));
    }
}
