package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * Issue 12, item 5 (and the cause of item 4): every message pattern of both languages, given a year, an id or a code
 * as a whole number, writes it without thousands separators; given a number as text where the pattern formats a
 * number, it writes the number instead of failing. Only amounts keep their separators.
 */
@JingzhunTest
class MessagePatternsTest {

    /**
     * The arguments formatted with separators on purpose, by message key and argument index: amounts of money, and
     * counts (a list's total of households: 2,013 found).
     */
    static final Set<String> AMOUNTS = Set.of("poverty-line.amount.below-national#0", "registry.total#0");

    @Autowired
    MessageSource messages;

    @Test
    void noYearIdOrCodeGetsThousandsSeparatorsInAnyMessageOfEitherLanguage() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> grouped = new TreeSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Properties patterns = load(locale);
            for (String key : new TreeSet<>(patterns.stringPropertyNames())) {
                Format[] formats = new MessageFormat(patterns.getProperty(key), locale).getFormatsByArgumentIndex();
                if (formats.length == 0) {
                    continue;
                }
                for (Object value : List.of(2013, 96931L, 4_700_000L)) {
                    Object[] args = new Object[formats.length];
                    Arrays.fill(args, value);
                    String text = messages.getMessage(key, args, locale);
                    for (int i = 0; i < formats.length; i++) {
                        boolean amount = formats[i] instanceof DecimalFormat decimal && decimal.isGroupingUsed();
                        if (amount) {
                            grouped.add(key + "#" + i);
                        }
                    }
                    // Every argument gets the same value: a separator means some argument that is no amount got one.
                    String separated = String.format(Locale.ENGLISH, "%,d", value);
                    if (text.contains(separated) && grouped.stream().noneMatch(g -> g.startsWith(key + "#"))) {
                        wrong.add(locale + " " + key + ": " + text);
                    }
                }
                // Stored problems carry their arguments as text: a number format must take them.
                Object[] texts = new Object[formats.length];
                Arrays.fill(texts, "96931");
                try {
                    String text = messages.getMessage(key, texts, locale);
                    if (text.contains("96,931") && grouped.stream().noneMatch(g -> g.startsWith(key + "#"))) {
                        wrong.add(locale + " " + key + ": " + text);
                    }
                } catch (IllegalArgumentException e) {
                    refused.add(locale + " " + key + ": " + e.getMessage());
                }
            }
        }
        assertThat(wrong).as("separators").isEmpty();
        assertThat(refused).as("text where a number was expected").isEmpty();
        assertThat(grouped).as("arguments written with separators must be amounts").isSubsetOf(AMOUNTS);
        assertThat(messages.getMessage("poverty-line.amount.below-national", new Object[] {new BigDecimal("4700"), 2013},
                Locale.ENGLISH)).contains("2013", "4,700");
    }

    private static Properties load(Locale locale) throws Exception {
        String name = locale.equals(Locale.ENGLISH) ? "/messages.properties" : "/messages_zh_CN.properties";
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(MessagePatternsTest.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
