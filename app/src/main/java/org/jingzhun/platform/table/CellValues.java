package org.jingzhun.platform.table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cells as offices write them, read the one way every import reads them: dates in the forms spreadsheets and people
 * use (and Excel's serial numbers), numbers with thousands separators, integers written as 3.0, and numbers that a
 * spreadsheet turned into scientific notation, which lost digits and are refused rather than guessed.
 */
public final class CellValues {

    /** A number a spreadsheet showed in scientific notation (an ID number typed into a number cell). */
    public static final Pattern SCIENTIFIC = Pattern.compile("[0-9](\\.[0-9]+)?[eE]\\+?[0-9]+");
    private static final Pattern THOUSANDS = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?");
    private static final List<DateTimeFormatter> DATES = Stream.of("uuuu-M-d", "uuuu/M/d", "uuuu.M.d",
                    "uuuuMMdd", "uuuu年M月d日", "d/M/uuuu")
            .map(pattern -> DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT))
            .toList();
    /** Day 0 of Excel's 1900 date system, as its serial numbers count (the 1900 leap-year bug included). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private CellValues() {
    }

    /** A date as spreadsheets and people write it, or an Excel serial number; null when it is none of these. */
    public static LocalDate date(String text) {
        String value = text.strip();
        if (value.matches("[0-9]{1,5}(\\.0+)?") && Integer.parseInt(value.replaceFirst("\\..*", "")) > 0
                && !value.matches("[0-9]{8}")) {
            return EXCEL_EPOCH.plusDays(Integer.parseInt(value.replaceFirst("\\..*", "")));
        }
        if (value.length() > 10 && value.charAt(10) == 'T' || value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]+")) {
            value = value.substring(0, 10);
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // the next format may fit
            }
        }
        return null;
    }

    /** A whole number (3 or 3.0); null when the text is no such number or does not fit an int. */
    public static Integer integer(String text) {
        try {
            return new BigDecimal(text.strip()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** A number, thousands separators allowed (1,234.5); null when the text is no number. */
    public static BigDecimal decimal(String text) {
        String value = text.strip();
        String plain = THOUSANDS.matcher(value).matches() ? value.replace(",", "") : value;
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A code or a name as compared: trimmed, upper case, spaces as underscores. */
    public static String foldCode(String text) {
        return text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /** A header as compared: without spaces, underscores, byte order marks, marks of required columns, and case. */
    public static String foldHeader(String header) {
        return header.replaceAll("[\\s_*＊\\uFEFF]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * A folded header without the unit it ends with in brackets, 人均纯收入（元） as 人均纯收入, so that a column is
     * recognised with or without its unit.
     */
    public static String withoutUnit(String folded) {
        return UNIT.matcher(folded).replaceFirst("");
    }

    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("[（(][^（()）]*[）)]$");
}
