package org.jingzhun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A module's tables are written by its own SQL only (issue 16): the owner of each table is recorded in
 * {@code db/table-owners.properties}, and every statement that writes a table ({@code insert into}, {@code update},
 * {@code delete from}, {@code copy … from}, {@code merge into}, {@code truncate}) found in a module's SQL must write one of
 * its own. The statements are found in the text, not by running anything: in the main Java sources each string literal
 * and text block is taken (literals joined by {@code +} read as one, so a statement split over lines is whole), its
 * {@code --} comments dropped, and every write's target read after its keyword; the module is the package under
 * {@code org.jingzhun} the file lies in. The migrations are read whole (comments dropped), their module taken from
 * their name ({@code V<n>__<module>_<what>.sql}). Temporary tables ({@code pg_temp.}, or created {@code temp} in the same
 * file) belong to nobody; words that are not tables (in messages, {@code on update}, {@code for update}) are no targets.
 */
class TableOwnersTest {

    private static final Path MAIN = Path.of("src/main/java/org/jingzhun");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** A write and the table it writes (schema-qualified or not); {@code for update} and {@code on update} are no writes. */
    private static final Pattern WRITE = Pattern.compile(
            "(?<![a-z_])(?<!for )(?<!on )(?<!do )(insert\\s+into|update|delete\\s+from|copy|merge\\s+into|truncate(?:\\s+table)?)"
                    + "\\s+(?:only\\s+)?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)");
    private static final Pattern TEMPORARY = Pattern.compile("create\\s+(?:local\\s+)?temp(?:orary)?\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern CREATED = Pattern.compile("create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern DROPPED = Pattern.compile("drop\\s+table\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    /** A string literal or a text block of Java source. */
    private static final Pattern LITERAL = Pattern.compile("\"\"\"\\s*\\n(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__([a-z]+)_.*\\.sql");

    /**
     * Writes of migrations made before the owner map (issue 16), when these tables had another owner or a migration
     * moved data between modules, and of the one migration that re-keyed every module's tables by county at once (V80,
     * filling each area-bound table's new county code from its rows, so that keys and foreign keys between modules
     * changed in one transaction): history that cannot change. The list may only shrink.
     */
    private static final Set<String> HISTORICAL = Set.of(
            "V31__identification_objection_limits.sql: objection_challenge_key (procedure)",
            "V37__registry_status_history_privileges.sql: maintenance_analyzable (platform)",
            "V45__identification_step_days.sql: objection (procedure)",
            "V56__procedure_engine.sql: statistics_dirty_village (statistics)",
            "V67__registry_member_history.sql: maintenance_analyzable (platform)",
            "V80__registry_shardable_by_county.sql: household_application (identification)",
            "V80__registry_shardable_by_county.sql: village_figures (identification)",
            "V80__registry_shardable_by_county.sql: village_assessment (identification)",
            "V80__registry_shardable_by_county.sql: village_identification (identification)",
            "V80__registry_shardable_by_county.sql: procedure_step (procedure)",
            "V80__registry_shardable_by_county.sql: objection (procedure)",
            "V80__registry_shardable_by_county.sql: attachment (procedure)",
            "V80__registry_shardable_by_county.sql: statistics_figure (statistics)",
            "V80__registry_shardable_by_county.sql: statistics_breakdown (statistics)",
            "V80__registry_shardable_by_county.sql: statistics_income (statistics)",
            "V80__registry_shardable_by_county.sql: maintenance_analyzable (platform)");
    /** Migrations named after a part of the platform rather than a module. */
    private static final Map<String, String> PLATFORM_PARTS = Map.of("database", "platform");
    /**
     * Sources whose writes name their table by a constant (a write keyword ends a literal and a name follows): the scan
     * cannot read the target, so each is listed here with it. A new one fails the test until it is read and added.
     */
    private static final Map<String, String> NAMED_BY_CONSTANT = Map.of(
            "audit/internal/AuditLog.java", "truncate AuditTrail.STAGED, a temporary table",
            "interchange/demonstration/DemonstrationGenerator.java", "copy into HouseholdEntries' staging, temporary tables",
            "identification/internal/VillageProcedure.java", "insert into AuditTrail.STAGED, a temporary table");
    /** A write keyword at the end of a literal that a name (not a literal) follows. */
    private static final Pattern WRITE_OF_A_NAME = Pattern.compile(
            "(?<![a-z_])(?<!for )(?<!on )(?<!do )(insert\\s+into|update|delete\\s+from|copy|merge\\s+into|truncate(?:\\s+table)?)\\s*\"\\s*\\+\\s*[A-Za-z_]");

    @Test
    void everyModuleWritesOnlyItsOwnTables() throws IOException {
        Map<String, String> owners = owners();
        List<String> foreign = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        int statements = 0;
        for (Path source : sources) {
            Path relative = MAIN.relativize(source);
            if (relative.getNameCount() < 2) {
                continue; // the application's class itself holds no SQL
            }
            String module = relative.getName(0).toString();
            String java = Files.readString(source);
            String name = relative.toString().replace('\\', '/');
            if (WRITE_OF_A_NAME.matcher(java).find() != NAMED_BY_CONSTANT.containsKey(name)) {
                foreign.add(name + ": a write whose table is named by a constant must be listed in NAMED_BY_CONSTANT"
                        + " (and one listed must still have one)");
            }
            String sql = sqlOf(java);
            statements += writes(sql, owners, module, relative.toString(), foreign);
        }
        assertThat(statements).as("writes found in the Java sources (the scan reads them)").isGreaterThan(100);
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.sorted().toList()) {
                Matcher name = MIGRATION.matcher(migration.getFileName().toString());
                assertThat(name.matches()).as(migration.toString()).isTrue();
                writes(withoutComments(Files.readString(migration)), owners,
                        PLATFORM_PARTS.getOrDefault(name.group(2), name.group(2)),
                        migration.getFileName().toString(), foreign);
            }
        }
        foreign.removeIf(HISTORICAL::contains);
        assertThat(foreign).as("statements writing a table another module owns (db/table-owners.properties)").isEmpty();
    }

    /**
     * Other modules read the registry's households, members, incomes and histories through the views it publishes
     * (V70: {@code registry_household}, {@code registry_member}, ...), found as {@code from} or {@code join} of a
     * registry table in their SQL, read as above. Identification's lock of the households it is about to register is
     * the one exception: a view cannot be locked by a role that may only read it.
     */
    @Test
    void otherModulesReadTheRegistryThroughItsViews() throws IOException {
        Set<String> registry = new TreeSet<>();
        owners().forEach((table, module) -> {
            if (module.equals("registry") && !table.equals("poverty_cause")) {
                registry.add(table);
            }
        });
        Pattern read = Pattern.compile("(?<![a-z_])(?:from|join)\\s+(" + String.join("|", registry) + ")(?![a-z0-9_])(?![^\\n]*for update)");
        List<String> readers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path source : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Path relative = MAIN.relativize(source);
                if (relative.getNameCount() < 2 || relative.getName(0).toString().equals("registry")) {
                    continue;
                }
                read.matcher(sqlOf(Files.readString(source))).results()
                        .forEach(m -> readers.add(relative + ": " + m.group(1)));
            }
        }
        assertThat(readers).as("other modules' SQL reading the registry's tables instead of its views").isEmpty();
    }

    @Test
    void everyTableHasAnOwner() throws IOException {
        Map<String, String> owners = owners();
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.sorted(java.util.Comparator.comparingInt(TableOwnersTest::version)).toList()) {
                String sql = withoutComments(Files.readString(migration));
                CREATED.matcher(sql).results().forEach(m -> tables.add(m.group(1)));
                DROPPED.matcher(sql).results().forEach(m -> tables.remove(m.group(1)));
            }
        }
        assertThat(owners.keySet()).as("tables in db/table-owners.properties").containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void aWriteToAnotherModulesTableIsFound() {
        List<String> foreign = new ArrayList<>();
        Map<String, String> owners = Map.of("household", "registry", "import_row", "interchange");
        String sql = sqlOf("""
                class X { void f() { jdbc.sql(\"""
                        insert into household (id) select 1\""").update();
                    jdbc.sql("update import_row set x = 1 " + "where y").update();
                    jdbc.sql("select 1 from member for update").update();
                    jdbc.sql("delete from " + "household where id = 1").update(); } }""");
        writes(sql, owners, "interchange", "X.java", foreign);
        assertThat(foreign).containsExactly("X.java: household (registry)", "X.java: household (registry)");
        // The demonstration generator before issue 16 named its COPY's table by a variable: such a write is found too.
        assertThat(WRITE_OF_A_NAME.matcher("new PGCopyOutputStream(pg, \"copy \" + table + \" (\" + columns").find()).isTrue();
        assertThat(WRITE_OF_A_NAME.matcher("jdbc.sql(\"analyze \" + HOUSEHOLDS)").find()).isFalse();
    }

    /** Counts the writes of a module's SQL, adding those of tables another module owns as "where: table (owner)". */
    private static int writes(String sql, Map<String, String> owners, String module, String where, List<String> foreign) {
        Set<String> temporary = new TreeSet<>();
        TEMPORARY.matcher(sql).results().forEach(m -> temporary.add(m.group(1)));
        int found = 0;
        Matcher write = WRITE.matcher(sql);
        while (write.find()) {
            String target = write.group(2);
            if (target.startsWith("pg_temp.")) {
                continue;
            }
            target = target.startsWith("public.") ? target.substring("public.".length()) : target;
            String owner = owners.get(target);
            if (owner == null || temporary.contains(target)) {
                continue; // not a table (a word of a message) or a temporary one
            }
            found++;
            if (!owner.equals(module)) {
                foreign.add(where + ": " + target + " (" + owner + ")");
            }
        }
        return found;
    }

    /** The SQL of a Java source: its literals, those joined by {@code +} read as one, each on a line of its own. */
    static String sqlOf(String java) {
        StringBuilder sql = new StringBuilder();
        Matcher literal = LITERAL.matcher(java);
        int end = -1;
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2).replace("\\n", "\n").replace("\\\"", "\"");
            boolean joined = end >= 0 && java.substring(end, literal.start()).strip().equals("+");
            if (!joined) {
                sql.append('\n');
            }
            sql.append(withoutComments(text));
            end = literal.end();
        }
        return sql.toString().toLowerCase(Locale.ROOT);
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", " ").toLowerCase(Locale.ROOT);
    }

    private static int version(Path migration) {
        Matcher name = MIGRATION.matcher(migration.getFileName().toString());
        return name.matches() ? Integer.parseInt(name.group(1)) : 0;
    }

    private static Map<String, String> owners() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TableOwnersTest.class.getResourceAsStream("/db/table-owners.properties")) {
            assertThat(in).as("db/table-owners.properties").isNotNull();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> owners = new TreeMap<>();
        properties.forEach((table, module) -> owners.put(table.toString().strip(), module.toString().strip()));
        return owners;
    }
}
