package org.jingzhun.area.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.jingzhun.JingzhunTest;
import org.jingzhun.TestDataDirectory;
import org.jingzhun.TestEditions;
import org.jingzhun.area.Areas;
import org.jingzhun.area.DivisionFileException;
import org.jingzhun.area.DivisionFileException.Problem;
import org.jingzhun.area.DivisionLoading;
import org.jingzhun.area.DivisionSource;
import org.jingzhun.area.EditionReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** The national edition as loaded at first start, refused editions, and a newer edition over the stored one. */
@JingzhunTest
class DivisionLoaderTest {

    private static final Path SHIPPED = Path.of("../data/divisions");

    @Autowired
    DivisionLoading loader;
    @Autowired
    Areas areas;
    @Autowired
    JdbcClient jdbc;

    @Test
    void firstStartLoadsTheWholeCountry() {
        assertThat(activePerLevel()).containsExactly(
                Map.entry(1, 31), Map.entry(2, 342), Map.entry(3, 2_978), Map.entry(4, 41_352), Map.entry(5, 620_573));
        assertThat(areas.get(Areas.NATION).villages()).isEqualTo(620_573);
        assertThat(areas.get(Areas.NATION).children()).isEqualTo(31);
    }

    @Test
    void yunnanHasItsCountiesTownshipsAndVillages() {
        assertThat(count("select count(*) from area where code like '53%' and level = 3")).isEqualTo(129);
        assertThat(count("select count(*) from area where code like '53%' and level = 4")).isEqualTo(1_461);
        assertThat(areas.get("53").villages()).isEqualTo(14_888);
        assertThat(areas.get("53").name()).isEqualTo("云南省");
    }

    @Test
    void everythingInsideACountyIsAPrefixMatchServedByTheIndex() {
        List<String> villages = jdbc.sql("select code from area where code like '530102%' and level = 5 order by code")
                .query(String.class).list();
        assertThat(villages).hasSize(101).allMatch(code -> code.startsWith("530102") && code.length() == 12);
        assertThat(areas.get("530102").villages()).isEqualTo(101);
        String plan = String.join("\n", jdbc.sql("explain select code from area where code like '530102%' and level = 5")
                .query(String.class).list());
        assertThat(plan).contains("area_pkey");
    }

    @Test
    void refusesACodeOfTheWrongLength() throws IOException {
        Path edition = TestEditions.tiny("villages.csv", text -> text + "53010200100,\"短码村\",530102001,53,5301,530102\n");
        assertRefusedWithoutChange(edition, tuple("villages.csv", 4L, "code-length"));
    }

    @Test
    void refusesAnUnknownParent() throws IOException {
        Path edition = TestEditions.tiny("villages.csv", text -> text + "530102002001,\"无主村\",530102002,53,5301,530102\n");
        assertRefusedWithoutChange(edition, tuple("villages.csv", 4L, "unknown-parent"));
    }

    @Test
    void refusesADuplicateCode() throws IOException {
        Path edition = TestEditions.tiny("areas.csv", text -> text + "530102,\"五华区\",5301,53\n");
        assertRefusedWithoutChange(edition, tuple("areas.csv", 3L, "duplicate-code"));
    }

    @Test
    void refusesAWrongColumnCount() throws IOException {
        Path edition = TestEditions.tiny("streets.csv", text -> text + "530102002,\"护国街道\",530102,53\n");
        assertRefusedWithoutChange(edition, tuple("streets.csv", 3L, "column-count"));
    }

    @Test
    void refusesAHeaderWithoutTheParentColumn() throws IOException {
        Path edition = TestEditions.tiny("cities.csv", text -> text.replace("provinceCode", "province"));
        assertRefusedWithoutChange(edition, tuple("cities.csv", 1L, "missing-column"));
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingIt() throws IOException {
        Path edition = TestEditions.tiny("villages.csv", UnaryOperator.identity());
        Files.write(edition.resolve("villages.csv"), Files.readString(edition.resolve("villages.csv"))
                .getBytes(java.nio.charset.Charset.forName("GBK")));
        assertRefusedWithoutChange(edition, tuple("villages.csv", 2L, "encoding"));
    }

    @Test
    void refusesACorruptFileWithoutChange() throws IOException {
        Path edition = TestEditions.tiny("villages.csv", UnaryOperator.identity());
        Files.delete(edition.resolve("villages.csv"));
        Files.write(edition.resolve("villages.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertRefusedWithoutChange(edition, tuple("villages.csv.gz", 1L, "unreadable"));
    }

    @Test
    @Transactional // rolled back: the shared database keeps the shipped edition
    void aNewerEditionAddsRenamesAndRetires() throws IOException {
        Path newer = copyOfShipped(Map.of(
                "530102001001", line -> null,                                         // disappears
                "530102001002", line -> line.replace("水晶宫社区居民委员会", "水晶宫社区"),  // renamed
                "530102002001", line -> line + "\n530102002999,\"新设社区\",530102002,53,5301,530102")); // added after it
        int hushanVillages = areas.get("530102001").villages();
        int huguoVillages = areas.get("530102002").villages();

        EditionReport report = loader.load(DivisionSource.in(newer));

        assertThat(report).extracting(EditionReport::added, EditionReport::renamed, EditionReport::retired)
                .containsExactly(1, 1, 1);
        assertThat(areas.get("530102001001").retired()).isTrue();
        assertThat(areas.get("530102001002").name()).isEqualTo("水晶宫社区");
        assertThat(areas.get("530102002999").path()).extracting(a -> a.code())
                .containsExactly("53", "5301", "530102", "530102002");
        assertThat(areas.get("530102001").villages()).isEqualTo(hushanVillages - 1);
        assertThat(areas.get("530102002").villages()).isEqualTo(huguoVillages + 1);
        assertThat(areas.children("530102001")).extracting(a -> a.code()).doesNotContain("530102001001");

        EditionReport back = loader.load(DivisionSource.in(SHIPPED));
        assertThat(back.retired()).isEqualTo(1); // the added village leaves again
        assertThat(areas.get("530102001001").retired()).isFalse(); // and the retired one returns
        assertThat(areas.get("530102002999").retired()).isTrue();
    }

    private void assertRefusedWithoutChange(Path edition, org.assertj.core.groups.Tuple expected) {
        Snapshot before = snapshot();
        assertThatThrownBy(() -> loader.load(DivisionSource.in(edition)))
                .isInstanceOfSatisfying(DivisionFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::file, Problem::line, Problem::reason).contains(expected))
                .hasMessageContaining(expected.toList().get(0) + " line " + expected.toList().get(1));
        assertThat(snapshot()).isEqualTo(before);
    }

    /** What a refused load must leave as it was. */
    private record Snapshot(Map<Integer, Integer> activePerLevel, int retired, int editions, int sizes) {
    }

    private Snapshot snapshot() {
        return new Snapshot(activePerLevel(), count("select count(*) from area where retired_at is not null"),
                count("select count(*) from area_edition"), count("select count(*) from area_size"));
    }

    private Map<Integer, Integer> activePerLevel() {
        return jdbc.sql("select level, count(*)::int from area where retired_at is null group by level order by level")
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    /** A copy of the shipped edition with village lines changed (null removes the line). */
    private static Path copyOfShipped(Map<String, UnaryOperator<String>> villageChanges) throws IOException {
        Path dir = TestDataDirectory.fresh("edition");
        for (String name : List.of("provinces", "cities", "areas", "streets", "villages")) {
            Path source = SHIPPED.resolve(name + ".csv.gz");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8));
                 Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".csv.gz"))), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String code = line.substring(0, Math.max(0, line.indexOf(',')));
                    String changed = name.equals("villages") && villageChanges.containsKey(code)
                            ? villageChanges.get(code).apply(line) : line;
                    if (changed != null) {
                        out.write(changed);
                        out.write('\n');
                    }
                }
            }
        }
        return dir;
    }
}
