package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.CountyAttribute;
import org.jingzhun.area.Region;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** Every page speaks English and Chinese: no key missing in one language, no text typed into a template. */
class TranslationTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label", "label");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(messages("messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(messages("messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> keys = messages("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        Matcher key = Pattern.compile("#\\{([\\w.\\-]+)").matcher("");
        for (Path template : templates()) {
            key.reset(Files.readString(template));
            while (key.find()) {
                used.add(key.group(1));
            }
        }
        // Keys built from a prefix and an enum value or a stored code
        for (AreaLevel level : AreaLevel.values()) {
            used.add("level." + level);
        }
        for (Region region : Region.values()) {
            used.add("region." + region);
        }
        for (CountyAttribute attribute : CountyAttribute.values()) {
            used.add("county.attribute." + attribute);
        }
        for (Enum<?>[] values : List.<Enum<?>[]>of(org.jingzhun.registry.Household.Category.values(),
                org.jingzhun.registry.Household.Status.values(), org.jingzhun.registry.Member.Relation.values(),
                org.jingzhun.registry.Member.Health.values(), org.jingzhun.registry.ResidentId.Sex.values())) {
            for (Enum<?> value : values) {
                String prefix = switch (value.getDeclaringClass().getSimpleName()) {
                    case "Category" -> "category.";
                    case "Status" -> "status.";
                    case "Relation" -> "relation.";
                    case "Health" -> "health.";
                    default -> "sex.";
                };
                used.add(prefix + value);
            }
        }
        for (org.jingzhun.identification.Stage stage : org.jingzhun.identification.Stage.values()) {
            used.add("stage." + stage);
        }
        for (org.jingzhun.identification.Step step : org.jingzhun.identification.Step.values()) {
            used.add("step." + step);
            used.add("identification.done." + step);
        }
        for (org.jingzhun.identification.Procedure procedure : org.jingzhun.identification.Procedure.values()) {
            procedure.rules().forEach(rule -> used.add("identification.levels." + rule.levelsKey()));
        }
        for (Enum<?>[] values : List.<Enum<?>[]>of(org.jingzhun.identification.Application.Proposer.values(),
                org.jingzhun.identification.Objection.State.values(), org.jingzhun.identification.ProvinceAverages.Method.values(),
                org.jingzhun.identification.IncomeTest.Result.values(), org.jingzhun.platform.Role.values())) {
            for (Enum<?> value : values) {
                String prefix = switch (value.getDeclaringClass().getSimpleName()) {
                    case "Proposer" -> "proposer.";
                    case "State" -> "objection.state.";
                    case "Method" -> "averages.method.";
                    case "Result" -> "income-test.";
                    default -> "role.";
                };
                used.add(prefix + value);
            }
        }
        for (String result : List.of("true", "false", "null")) {
            used.add("identification.test." + result);
        }
        for (org.jingzhun.interchange.ImportJob.Status status : org.jingzhun.interchange.ImportJob.Status.values()) {
            used.add("import.status." + status);
        }
        for (org.jingzhun.interchange.DemonstrationData.Stage stage : org.jingzhun.interchange.DemonstrationData.Stage.values()) {
            used.add("demonstration.stage." + stage);
        }
        for (org.jingzhun.interchange.ImportJob.Mode mode : org.jingzhun.interchange.ImportJob.Mode.values()) {
            used.add("import.mode." + mode);
        }
        org.jingzhun.registry.Household.HOUSING_GRADES.forEach(code -> used.add("housing." + code));
        org.jingzhun.registry.Member.WORK_ABILITY.forEach(code -> used.add("workAbility." + code));
        org.jingzhun.registry.Member.EDUCATION.forEach(code -> used.add("education." + code));
        org.jingzhun.registry.Member.SCHOOLING.forEach(code -> used.add("schooling." + code));
        Matcher destitute = Pattern.compile("^\\s*\\('([A-Z_]+)',", Pattern.MULTILINE).matcher(
                Files.readString(RESOURCES.resolve("db/migration/V1__area_divisions.sql")));
        while (destitute.find()) {
            used.add("destitute." + destitute.group(1));
        }
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(keys).containsAll(used);
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> keys = messages("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        // Keys are written as string literals of the form "feature.what" in refusals and field problems.
        Matcher literal = Pattern.compile("\"((?:error|access|area|county|division|poverty-line|account|audit|resident-id|household|member|poverty-cause|import|export|demonstration|identification)\\.[a-z.\\-]+)\"").matcher("");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                literal.reset(Files.readString(file));
                while (literal.find()) {
                    used.add(literal.group(1));
                }
            }
        }
        used.removeIf(key -> key.endsWith(".")); // prefixes completed at run time, checked by the enum test above
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(keys).containsAll(used);
    }

    @Test
    void templatesHoldNoHardCodedText() throws IOException {
        List<String> hardCoded = new ArrayList<>();
        for (Path template : templates()) {
            for (Element element : Jsoup.parse(Files.readString(template), "", Parser.htmlParser()).getAllElements()) {
                boolean textFromMessages = element.hasAttr("th:text") || element.hasAttr("th:utext")
                        || element.hasAttr("th:replace") || element.hasAttr("th:insert");
                if (!textFromMessages && LETTERS.matcher(element.ownText()).find()
                        && !Set.of("script", "style").contains(element.tagName())) {
                    hardCoded.add(TEMPLATES.relativize(template) + ": <" + element.tagName() + "> " + element.ownText());
                }
                for (Attribute attribute : element.attributes()) {
                    if (TEXT_ATTRIBUTES.contains(attribute.getKey()) && LETTERS.matcher(attribute.getValue()).find()) {
                        hardCoded.add(TEMPLATES.relativize(template) + ": " + attribute.getKey() + "=\"" + attribute.getValue() + "\"");
                    }
                }
            }
        }
        assertThat(hardCoded).isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> html = files.filter(f -> f.toString().endsWith(".html")).toList();
            assertThat(html).isNotEmpty();
            return html;
        }
    }

    private static Properties messages(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
