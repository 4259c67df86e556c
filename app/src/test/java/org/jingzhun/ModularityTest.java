package org.jingzhun;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features reach each other only through their root packages. */
class ModularityTest {

    @Test
    void modulesKeepTheirInsidesToThemselves() {
        ApplicationModules.of(JingzhunApplication.class).verify();
    }
}
