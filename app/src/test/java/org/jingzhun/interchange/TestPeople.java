package org.jingzhun.interchange;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Valid resident ID numbers nobody in the test database holds yet, for tests that commit what they import. */
public final class TestPeople {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private TestPeople() {
    }

    /**
     * The beginning of household numbers no other test uses: an import keeps a file's household numbers as the
     * households' references, unique within a county, so tests importing into one county must not share them.
     */
    public static String newHouseholdPrefix() {
        return "T" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-";
    }

    /** A new number of the county (6 digits) for someone born between 1940 and 2010. */
    public static String newIdNumber(JdbcClient jdbc, String county, boolean male) {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(25_000));
            int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
            String number = withCheck(county + birth.toString().replace("-", "") + String.format("%03d", sequence));
            if (!jdbc.sql("select exists (select 1 from member where id_number = :id)").param("id", number)
                    .query(Boolean.class).single()) {
                return number;
            }
        }
    }

    /** The 17 digits with their ISO 7064 MOD 11-2 check character. */
    public static String withCheck(String digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return digits + CHECK[sum % 11];
    }
}
