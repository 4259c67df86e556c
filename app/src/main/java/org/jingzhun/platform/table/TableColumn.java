package org.jingzhun.platform.table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a kind of file: its key (as problems and SQL checks name it, in snake case in the staging table), its
 * header in English and in Chinese (either is recognised, in any order, as is the key), whether a file without it is
 * refused, and what it holds. A cell that does not fit its type is a problem of its row, not of the file.
 *
 * @param maxLength the most characters of a text (for other types the reader's own bound)
 * @param codes     for a code list: each code with the names it may also be given by (in either language)
 */
public record TableColumn(String key, String english, String chinese, boolean required, Type type, int maxLength,
                          Map<String, List<String>> codes) {

    /** What a column holds, and how it is staged. */
    public enum Type {
        TEXT("text"), INTEGER("integer"), DECIMAL("numeric"), DATE("date"), CODE("text"), RESIDENT_ID("text");

        final String sql;

        Type(String sql) {
            this.sql = sql;
        }
    }

    private static final int NUMBER_LENGTH = 40;
    /** The ID numbers' weights and check characters (GB 11643, ISO 7064 MOD 11-2). */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public TableColumn {
        codes = codes == null ? Map.of() : Map.copyOf(codes);
    }

    public static TableColumn text(String key, String english, String chinese, boolean required, int maxLength) {
        return new TableColumn(key, english, chinese, required, Type.TEXT, maxLength, null);
    }

    public static TableColumn integer(String key, String english, String chinese, boolean required) {
        return new TableColumn(key, english, chinese, required, Type.INTEGER, NUMBER_LENGTH, null);
    }

    public static TableColumn decimal(String key, String english, String chinese, boolean required) {
        return new TableColumn(key, english, chinese, required, Type.DECIMAL, NUMBER_LENGTH, null);
    }

    /** A date in the forms household imports accept (2024-03-01, 2024/3/1, 2024年3月1日, 20240301, Excel's serials). */
    public static TableColumn date(String key, String english, String chinese, boolean required) {
        return new TableColumn(key, english, chinese, required, Type.DATE, NUMBER_LENGTH, null);
    }

    /** One of the codes, given as the code or as one of its names. */
    public static TableColumn code(String key, String english, String chinese, boolean required,
                                   Map<String, List<String>> codes) {
        return new TableColumn(key, english, chinese, required, Type.CODE, 100, codes);
    }

    /** A resident ID number of 18 characters with a valid birth date and check character; x is taken as X. */
    public static TableColumn residentId(String key, String english, String chinese, boolean required) {
        return new TableColumn(key, english, chinese, required, Type.RESIDENT_ID, 18, null);
    }

    /** The staging table's column. */
    public String sqlName() {
        return CopyText.snakeCase(key);
    }

    /** The header shown in a language: Chinese for Chinese, English otherwise. */
    public String header(java.util.Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    /** Names of the codes, folded, to their codes. */
    Map<String, String> codeNames() {
        Map<String, String> names = new HashMap<>();
        codes.forEach((code, known) -> {
            names.put(CellValues.foldCode(code), code);
            known.forEach(name -> names.putIfAbsent(CellValues.foldCode(name), code));
        });
        return names;
    }

    /**
     * The value of a cell (stripped, not blank) as staged, or null with a problem added when it does not fit.
     * {@code names} is {@link #codeNames()}, made once per import.
     */
    Object read(String cell, Map<String, String> names, List<TableProblem> problems) {
        if (cell.length() > maxLength) {
            problems.add(new TableProblem(key, "too-long", "table.value.too-long", List.of(String.valueOf(maxLength))));
            return null;
        }
        Object value = switch (type) {
            case TEXT -> cell;
            case INTEGER -> CellValues.integer(cell);
            case DECIMAL -> staged(CellValues.decimal(cell));
            case DATE -> CellValues.date(cell);
            case CODE -> names.get(CellValues.foldCode(cell));
            case RESIDENT_ID -> residentId(cell, problems);
        };
        if (value == null && type != Type.RESIDENT_ID) {
            String reason = switch (type) {
                case INTEGER -> "import.value.integer";
                case DECIMAL -> "import.value.number";
                case DATE -> "table.value.date";
                default -> "table.value.code";
            };
            problems.add(new TableProblem(key, type == Type.CODE ? "unknown" : "format", reason,
                    type == Type.CODE ? List.of(cell, String.join(", ", codes.keySet().stream().sorted().toList()))
                            : List.of(cell)));
        }
        return value;
    }

    /** A number the staging table's numeric holds without a gigabyte of digits (1e999999999). */
    private static BigDecimal staged(BigDecimal number) {
        return number == null || Math.abs(number.scale()) > 1_000 || number.precision() > 1_000 ? null : number;
    }

    private String residentId(String cell, List<TableProblem> problems) {
        String value = cell.toUpperCase(java.util.Locale.ROOT);
        String reason = null;
        List<String> args = List.of();
        if (CellValues.SCIENTIFIC.matcher(value).matches()) {
            reason = "import.value.scientific";
            args = List.of(cell);
        } else if (value.length() != 18) {
            reason = "resident-id.length";
            args = List.of(String.valueOf(value.length()));
        } else if (!value.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')
                || !(Character.isDigit(value.charAt(17)) || value.charAt(17) == 'X')) {
            reason = "resident-id.characters";
        } else if (birthDate(value) == null) {
            reason = "resident-id.birth-date";
            args = List.of(value.substring(6, 14));
        } else {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (value.charAt(i) - '0') * WEIGHTS[i];
            }
            if (CHECK.charAt(sum % 11) != value.charAt(17)) {
                reason = "resident-id.check";
                args = List.of(String.valueOf(CHECK.charAt(sum % 11)));
            }
        }
        if (reason != null) {
            problems.add(new TableProblem(key, "format", reason, args));
            return null;
        }
        return value;
    }

    private static LocalDate birthDate(String value) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
            return date.getYear() < 1900 || date.isAfter(org.jingzhun.platform.ChinaClock.today()) ? null : date;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
