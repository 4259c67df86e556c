package org.jingzhun.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One clock (issue 12, item 2): no main code reads the JVM's clock or its default time zone but {@link ChinaClock},
 * and no function of the database reads the database's clock, so that every "today" and "this year" comes from
 * the one clock that tests move. Durations measured with System.nanoTime() decide no date and stay allowed.
 */
@JingzhunTest
class OneClockTest {

    /** The java.time types whose now() reads a clock of its own choosing unless given one. */
    private static final Set<String> NOW_TYPES = Set.of("java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime",
            "java.time.OffsetDateTime", "java.time.OffsetTime", "java.time.ZonedDateTime", "java.time.Instant",
            "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    @Autowired
    JdbcClient jdbc;

    @Test
    void noMainCodeReadsTheJvmsClockButChinaClock() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jingzhun");
        assertThat(main.contain(ChinaClock.class)).isTrue();
        noClasses().that().doNotBelongToAnyOf(ChinaClock.class)
                .should().callMethodWhere(DescribedPredicate.describe("read the JVM's clock or its time zone", OneClockTest::readsAClock))
                .orShould().callConstructor(java.util.Date.class)
                .because("every today and this year comes from ChinaClock, which tests can move")
                .check(main);
    }

    private static boolean readsAClock(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        List<String> parameters = call.getTarget().getRawParameterTypes().stream().map(type -> type.getName()).toList();
        return NOW_TYPES.contains(owner) && name.equals("now") && !parameters.contains("java.time.Clock")
                || owner.equals("java.time.Clock") && name.startsWith("system")
                || owner.equals("java.time.ZoneId") && name.equals("systemDefault")
                || owner.equals("java.lang.System") && name.equals("currentTimeMillis");
    }

    @Test
    void noDatabaseFunctionReadsTheDatabasesClock() {
        List<String> reading = jdbc.sql("""
                select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = current_schema() and p.prosrc ~* '\\m(now|clock_timestamp|statement_timestamp|transaction_timestamp)\\s*\\(|\\mcurrent_(date|timestamp|time)\\M|\\mlocaltimestamp\\M'
                 order by 1""").query(String.class).list();
        assertThat(reading).isEmpty();
        // The rule looks where it should: the schema's functions are there to be read (the statistics' registry triggers
        // went with V80 and V81; the parent and the county of an area stay).
        assertThat(jdbc.sql("select count(*) from pg_proc where proname in ('statistics_parent', 'area_county')")
                .query(Long.class).single()).isEqualTo(2);
    }
}
