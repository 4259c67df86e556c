package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.jingzhun.platform.Caller;
import org.jingzhun.platform.Role;
import org.junit.jupiter.api.Test;

/** The rule itself: who sees what, and how numbers are cut, short ones included. */
class HouseholdDisclosureRuleTest {

    static final String VILLAGE = "530102001001";

    static HouseholdDisclosure to(Role role, String area) {
        return HouseholdDisclosure.to(new Caller(1, "x", EnumSet.of(role), Set.of(area)));
    }

    @Test
    void dataEntryAndReviewersSeeWholeOnlyWithinTheirAreas() {
        assertThat(to(Role.DATA_ENTRY, "530102").idNumber("530102198001010015", VILLAGE)).isEqualTo("530102198001010015");
        assertThat(to(Role.REVIEWER, "5301").bankAccount("6228480012345678", VILLAGE)).isEqualTo("6228480012345678");
        assertThat(to(Role.DATA_ENTRY, "530103").idNumber("530102198001010015", VILLAGE)).isEqualTo("530102********0015");
        assertThat(to(Role.REVIEWER, "530103").bankAccount("6228480012345678", VILLAGE)).isEqualTo("****5678");
    }

    @Test
    void otherRolesSeeMaskedAndThePublicNoBankAccount() {
        for (Role role : EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR, Role.ANALYST)) {
            assertThat(to(role, "").idNumber("53010219800101001X", VILLAGE)).isEqualTo("530102********001X");
            assertThat(to(role, "").bankAccount("6228480012345678", VILLAGE)).isEqualTo("****5678");
        }
        assertThat(HouseholdDisclosure.PUBLIC.idNumber("530102198001010015", VILLAGE)).isEqualTo("530102********0015");
        assertThat(HouseholdDisclosure.PUBLIC.bankAccount("6228480012345678", VILLAGE)).isNull();
        assertThat(HouseholdDisclosure.to(null)).isSameAs(HouseholdDisclosure.PUBLIC);
    }

    @Test
    void shortNumbersAreHiddenWhole() {
        assertThat(HouseholdDisclosure.maskIdNumber("1234567890")).isEqualTo("**********");
        assertThat(HouseholdDisclosure.maskBankAccount("1234")).isEqualTo("****");
        assertThat(HouseholdDisclosure.maskBankAccount("12345678")).isEqualTo("****5678");
    }
}
