package org.jingzhun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.jingzhun.platform.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resident identity numbers by GB 11643-1999. */
class ResidentIdTest {

    @Test
    void theStandardsExampleIsValid() {
        ResidentId id = ResidentId.parse("11010519491231002X", "idNumber");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(ResidentId.Sex.FEMALE);
        assertThat(id.areaCode()).isEqualTo("110105");
        assertThat(id.masked()).isEqualTo("110105********002X");
    }

    @Test
    void aLowerCaseXIsTakenAsX() {
        assertThat(ResidentId.parse(" 11010519491231002x ", "idNumber").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void anOddSequenceIsAMan() {
        ResidentId id = ResidentId.parse("530102198001010015", "idNumber");
        assertThat(id.sex()).isEqualTo(ResidentId.Sex.MALE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "11010519491231002, length",
            "11010519491231002XX, length",
            "1101051949123100AX, characters",
            "11010519491231002Y, characters",
            "110105194902300024, birth-date",
            "110105194913010024, birth-date",
            "110105299901010024, birth-date",
            "110105194912310021, check",
            "'', length"
    })
    void invalidNumbersAreRefusedWithTheReason(String number, String reason) {
        assertThatThrownBy(() -> ResidentId.parse(number, "members[0].idNumber"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.fieldProblems()).hasSize(1);
                    assertThat(e.fieldProblems().getFirst().field()).isEqualTo("members[0].idNumber");
                    assertThat(e.fieldProblems().getFirst().code()).isEqualTo(reason);
                });
    }

    @Test
    void aLeapDayIsARealDate() {
        assertThat(ResidentId.parse("530102200002290020", "idNumber").birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void theCheckCharacterFollowsMod11_2() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("53010219800101001")).isEqualTo('5');
        assertThat(ResidentId.checkCharacter("44052418800101001")).isEqualTo('4');
    }
}
