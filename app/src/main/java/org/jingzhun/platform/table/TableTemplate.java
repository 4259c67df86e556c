package org.jingzhun.platform.table;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The XLSX template of a kind of file, made from its columns so that it always matches what the import reads: the
 * header in the user's language; text columns (ID numbers, bank accounts, codes) formatted as text, so that a
 * spreadsheet keeps their digits instead of turning an 18-digit ID into 1.10105E+17; coded columns with a drop-down of
 * their codes (listed on a sheet of their own); and one example row, marked in its first cell ({@link #EXAMPLE}),
 * which every import skips.
 */
public final class TableTemplate {

    /** The first cell of the example row: a row beginning so is an example, never data. */
    public static final String EXAMPLE = "示例/Example";
    /** The rows below the header given the drop-downs: more than any one office's file of a kind. */
    public static final int VALIDATED_ROWS = 10_000;
    /** The sheet of the code lists the drop-downs offer. */
    public static final String CODES_SHEET = "codes";

    private TableTemplate() {
    }

    /** Whether a row read from a file is a template's example row (its first cell says so). */
    public static boolean example(List<String> cells) {
        return !cells.isEmpty() && cells.getFirst() != null && EXAMPLE.equals(cells.getFirst().strip());
    }

    /**
     * Writes the template: a sheet {@code sheet} with the columns' headers in {@code locale} and the example row
     * ({@code examples} by column key; a column without one gets a value of its type), then the code lists, then
     * {@code help} (its first row a header) when given.
     */
    public static void write(OutputStream out, String sheet, List<TableColumn> columns, Locale locale,
                             Map<String, String> examples, String helpSheet, List<List<String>> help) throws IOException {
        Workbook workbook = new Workbook(out, "Jingzhun", "1.0");
        Worksheet main = workbook.newWorksheet(sheet);
        Worksheet codes = workbook.newWorksheet(CODES_SHEET);
        for (int c = 0; c < columns.size(); c++) {
            TableColumn column = columns.get(c);
            main.inlineString(0, c, column.header(locale));
            main.width(c, Math.max(12, column.type() == TableColumn.Type.RESIDENT_ID ? 22 : column.header(locale).length() * 2 + 4));
            String value = c == 0 ? EXAMPLE : examples.getOrDefault(column.key(), example(column));
            if (asText(column)) {
                // The column's style is what a cell typed later takes: text, whatever digits are typed into it.
                main.style(c).format("@").set();
                main.style(1, c).format("@").set();
                if (value != null) {
                    main.inlineString(1, c, value);
                }
            } else if (value != null) {
                writeValue(main, c, column, value);
            }
        }
        main.style(0).bold().set();
        main.style(1).italic().fontColor("808080").set();
        main.freezePane(0, 1);
        int listColumn = 0;
        for (int c = 0; c < columns.size(); c++) {
            TableColumn column = columns.get(c);
            if (column.type() != TableColumn.Type.CODE || column.codes().isEmpty()) {
                continue;
            }
            List<String> listed = column.codes().keySet().stream().sorted().toList();
            codes.inlineString(0, listColumn, column.header(locale));
            codes.inlineString(0, listColumn + 1, "");
            for (int i = 0; i < listed.size(); i++) {
                codes.inlineString(i + 1, listColumn, listed.get(i));
                List<String> names = column.codes().get(listed.get(i));
                if (!names.isEmpty()) {
                    codes.inlineString(i + 1, listColumn + 1, String.join(" / ", names));
                }
            }
            String letter = columnLetters(listColumn);
            main.range(1, c, VALIDATED_ROWS, c)
                    .validateWithListByFormula(CODES_SHEET + "!$" + letter + "$2:$" + letter + "$" + (listed.size() + 1))
                    .allowBlank(!column.required()).showErrorMessage(true);
            listColumn += 2;
        }
        codes.style(0).bold().set();
        if (help != null && !help.isEmpty()) {
            Worksheet helpRows = workbook.newWorksheet(helpSheet);
            for (int r = 0; r < help.size(); r++) {
                for (int c = 0; c < help.get(r).size(); c++) {
                    helpRows.inlineString(r, c, help.get(r).get(c));
                }
            }
            helpRows.style(0).bold().set();
        }
        workbook.finish();
    }

    /** Text kept as typed: text, codes and ID numbers (a code list of digits would otherwise become numbers too). */
    private static boolean asText(TableColumn column) {
        return column.type() == TableColumn.Type.TEXT || column.type() == TableColumn.Type.CODE
                || column.type() == TableColumn.Type.RESIDENT_ID;
    }

    private static void writeValue(Worksheet sheet, int c, TableColumn column, String value) {
        switch (column.type()) {
            case INTEGER, DECIMAL -> sheet.value(1, c, new java.math.BigDecimal(value));
            case DATE -> {
                sheet.value(1, c, LocalDate.parse(value));
                sheet.style(1, c).format("yyyy-mm-dd").italic().fontColor("808080").set();
            }
            default -> sheet.inlineString(1, c, value);
        }
    }

    /** A value of the column's type, for a column the kind gives no example of. */
    private static String example(TableColumn column) {
        return switch (column.type()) {
            case RESIDENT_ID -> "11010519491231002X"; // the standard's own example number, valid
            case CODE -> column.codes().keySet().stream().sorted().findFirst().orElse(null);
            case INTEGER -> "1";
            case DECIMAL -> "1234.50";
            case DATE -> "2024-03-01";
            case TEXT -> null;
        };
    }

    /** A column's letters (0 → A, 26 → AA). */
    static String columnLetters(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            letters.insert(0, (char) ('A' + i % 26));
        }
        return letters.toString();
    }
}
