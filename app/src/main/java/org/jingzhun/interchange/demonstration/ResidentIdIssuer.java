package org.jingzhun.interchange.demonstration;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Issues resident ID numbers (GB 11643-1999) as a county's public security office would: the county's code, the
 * birth date, a sequence number whose parity is the sex, and the ISO 7064 MOD 11-2 check character. Unique by
 * construction: a counter per county, birth date and sex (two bytes each, some 20 MB for a province), skipping
 * numbers already taken in the database.
 */
final class ResidentIdIssuer {

    /** Numbers of one sex on one day in one county: 000-999 with the parity of the sex. */
    static final int PER_DAY_AND_SEX = 500;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private final String[] counties;
    private final LocalDate firstDay;
    private final int days;
    private final String[] compactDates;
    private final short[] issued;
    private final Set<String> taken;

    ResidentIdIssuer(String[] counties, LocalDate firstDay, int days, Set<String> taken) {
        this.counties = counties;
        this.firstDay = firstDay;
        this.days = days;
        this.taken = taken;
        this.issued = new short[counties.length * days * 2];
        this.compactDates = new String[days];
        for (int d = 0; d < days; d++) {
            compactDates[d] = firstDay.plusDays(d).format(DateTimeFormatter.BASIC_ISO_DATE);
        }
    }

    /** The next number for a person of the county born on day {@code day} (counted from the first day). */
    String issue(int county, int day, boolean male) {
        int slot = (county * days + day) * 2 + (male ? 1 : 0);
        while (true) {
            int given = issued[slot]++;
            if (given >= PER_DAY_AND_SEX) {
                throw new IllegalStateException("More than " + PER_DAY_AND_SEX + " people of one sex born on "
                        + firstDay.plusDays(day) + " in county " + counties[county]);
            }
            // A fixed offset per county and day, so that the numbers do not all start at 001.
            int offset = (int) ((county * 7919L + day * 104729L) % PER_DAY_AND_SEX);
            int sequence = ((offset + given) % PER_DAY_AND_SEX) * 2 + (male ? 1 : 0);
            char[] number = new char[18];
            counties[county].getChars(0, 6, number, 0);
            compactDates[day].getChars(0, 8, number, 6);
            number[14] = (char) ('0' + sequence / 100);
            number[15] = (char) ('0' + sequence / 10 % 10);
            number[16] = (char) ('0' + sequence % 10);
            number[17] = checkCharacter(number);
            String id = new String(number);
            if (!taken.contains(id)) {
                return id;
            }
        }
    }

    /** ISO 7064 MOD 11-2 as GB 11643-1999 applies it. */
    static char checkCharacter(char[] number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number[i] - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
