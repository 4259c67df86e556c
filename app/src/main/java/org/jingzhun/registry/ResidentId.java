package org.jingzhun.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;

/**
 * A resident identity number (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence whose
 * parity is the sex, and an ISO 7064 MOD 11-2 check character (0-9 or X). A lower-case x is taken as X.
 */
public record ResidentId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /** Nobody registered was born before this. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1890, 1, 1);

    /** The sex the sequence digit tells: odd male, even female. */
    public enum Sex { MALE, FEMALE }

    public ResidentId {
        List<FieldProblem> problems = problems(value, "idNumber", org.jingzhun.platform.ChinaClock.today());
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
    }

    /** The number as typed (spaces around it dropped, x upper-cased); refused with a reason naming the field. */
    public static ResidentId parse(String text, String field) {
        String value = normalize(text);
        List<FieldProblem> problems = problems(value, field, org.jingzhun.platform.ChinaClock.today());
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return new ResidentId(value);
    }

    static String normalize(String text) {
        return text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** What is wrong with the number, if anything: length, characters, birth date or check character. */
    static List<FieldProblem> problems(String value, String field, LocalDate today) {
        if (value == null || value.length() != 18) {
            return List.of(new FieldProblem(field, "length", "resident-id.length", value == null ? 0 : value.length()));
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(value.charAt(i)) || value.charAt(i) > '9') {
                return List.of(new FieldProblem(field, "characters", "resident-id.characters"));
            }
        }
        char last = value.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return List.of(new FieldProblem(field, "characters", "resident-id.characters"));
        }
        LocalDate birth = birthDateOf(value);
        if (birth == null || birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            return List.of(new FieldProblem(field, "birth-date", "resident-id.birth-date", value.substring(6, 14)));
        }
        if (checkCharacter(value) != last) {
            return List.of(new FieldProblem(field, "check", "resident-id.check", checkCharacter(value)));
        }
        return List.of();
    }

    /** The check character the first 17 digits call for. */
    static char checkCharacter(String value) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static LocalDate birthDateOf(String value) {
        try {
            return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** The area code of the number (where it was issued; it may be an old code no longer in use). */
    public String areaCode() {
        return value.substring(0, 6);
    }

    /** Shown to those who may not see the whole number: the first 6 and the last 4 characters. */
    public String masked() {
        return HouseholdDisclosure.maskIdNumber(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
