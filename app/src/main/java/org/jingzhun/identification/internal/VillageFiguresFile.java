package org.jingzhun.identification.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jingzhun.identification.VillageFigures;
import org.jingzhun.platform.table.CellValues;
import org.jingzhun.platform.table.UploadedTable;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * A file of village figures (CSV in UTF-8 or GB18030, or XLSX), read by the platform's table reader: the columns
 * village code, rural residents, per capita income and collective income, by a header naming them (in any order, by
 * their keys or their labels in English or Chinese) or, without a header, in that order. Each problem is named by its
 * row and column.
 */
@Component
class VillageFiguresFile {

    /**
     * A province's villages fit (the largest has some 50,000); what one request may hold in 512 MiB. Cells right of
     * the twentieth column are skipped unread.
     */
    static final UploadedTable.Limits LIMITS = new UploadedTable.Limits(32L << 20, 60_000, 20, 1_000);
    /** At most as many problems as a refusal keeps (issue 12, item 5); beyond them one more says that more were found. */
    static final int MAX_PROBLEMS = 200_000;

    /** The columns, by their keys as fields name them. */
    enum Column {
        VILLAGE_CODE("villageCode", "import.column.villageCode"),
        RURAL_RESIDENTS("ruralResidents", "identification.figures.residents"),
        PER_CAPITA_INCOME("perCapitaIncome", "identification.figures.income"),
        COLLECTIVE_INCOME("collectiveIncome", "identification.figures.collective");

        final String key;
        final String label;

        Column(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    /**
     * A row read into figures (a cell that could not be read left null), with where its columns are, for naming its
     * problems, and whether every cell was read.
     */
    record Line(int row, VillageFigures figures, Map<Column, Integer> positions, boolean read) {
    }

    /** The rows read, and the problems of reading them. */
    record Read(List<Line> lines, List<FieldProblem> problems) {
    }

    private final Map<String, Column> names = new HashMap<>();
    private final MessageSource messages;

    VillageFiguresFile(MessageSource messages) {
        this.messages = messages;
        for (Column column : Column.values()) {
            names.put(fold(column.key), column);
            names.put(fold(column.name()), column); // village_code, as the file was first described
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                String label = messages.getMessage(column.label, null, locale);
                names.put(fold(label), column);
                names.put(fold(label.replaceFirst("[（(].*$", "")), column); // without its unit: 人均纯收入
            }
        }
    }

    /** The XLSX template of the file, from its columns: the village code as text, the figures as numbers. */
    void writeTemplate(Locale locale, java.io.OutputStream out) throws java.io.IOException {
        List<org.jingzhun.platform.table.TableColumn> columns = new ArrayList<>();
        for (Column column : Column.values()) {
            String english = messages.getMessage(column.label, null, Locale.ENGLISH);
            String chinese = messages.getMessage(column.label, null, Locale.SIMPLIFIED_CHINESE);
            columns.add(switch (column) {
                case VILLAGE_CODE -> org.jingzhun.platform.table.TableColumn.text(column.key, english, chinese, true, 12);
                case RURAL_RESIDENTS -> org.jingzhun.platform.table.TableColumn.integer(column.key, english, chinese, true);
                default -> org.jingzhun.platform.table.TableColumn.decimal(column.key, english, chinese, true);
            });
        }
        org.jingzhun.platform.table.TableTemplate.write(out, "zh".equals(locale.getLanguage()) ? "村级数据" : "Village figures",
                columns, locale, Map.of("ruralResidents", "1200", "perCapitaIncome", "3500.00", "collectiveIncome", "20000.00"),
                null, null);
    }

    /** Folded for comparison: no spaces, underscores or marks of required columns, lower case. */
    private static String fold(String header) {
        return CellValues.foldHeader(header);
    }

    Read read(int year, InputStream content, String charset) {
        UploadedTable table = UploadedTable.read(content, charset, LIMITS);
        List<FieldProblem> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        if (table.rows().isEmpty()) {
            return new Read(lines, problems);
        }
        List<UploadedTable.Row> rows = table.rows();
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        UploadedTable.Row first = rows.getFirst();
        String firstCell = first.cells().isEmpty() ? "" : first.cells().getFirst().replace("\uFEFF", "").strip();
        boolean header = firstCell.isEmpty() || !Character.isDigit(firstCell.charAt(0));
        if (header) {
            for (int i = 0; i < first.cells().size(); i++) {
                Column column = names.get(fold(first.cells().get(i)));
                if (column != null && positions.putIfAbsent(column, i) != null) {
                    problems.add(at(first.number(), i, column.key, "twice", "identification.figures.column-twice",
                            first.cells().get(i).strip()));
                }
            }
            List<String> missing = java.util.Arrays.stream(Column.values()).filter(c -> !positions.containsKey(c))
                    .map(c -> c.key).toList();
            if (!missing.isEmpty()) {
                problems.add(new FieldProblem("file", "columns", "identification.figures.columns-missing",
                        String.join(", ", missing)));
            }
            if (!problems.isEmpty()) {
                return new Read(lines, problems); // without its columns no row can be read
            }
            rows = rows.subList(1, rows.size());
        } else {
            for (Column column : Column.values()) {
                positions.put(column, column.ordinal());
            }
        }
        for (UploadedTable.Row row : rows) {
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add(new FieldProblem("file", "more", "identification.figures.more-problems", MAX_PROBLEMS));
                break;
            }
            if (!header && row.cells().size() > Column.values().length
                    && row.cells().subList(Column.values().length, row.cells().size()).stream().anyMatch(c -> !c.isBlank())) {
                problems.add(new FieldProblem("rows[" + row.number() + "]", "columns", "identification.figures.row-columns",
                        Integer.toString(row.number()), row.cells().size()));
                continue;
            }
            int before = problems.size();
            String village = cell(row, positions.get(Column.VILLAGE_CODE));
            Integer residents = null;
            BigDecimal income = null;
            BigDecimal collective = null;
            BigDecimal number = number(row, positions, Column.RURAL_RESIDENTS, problems);
            if (number != null) {
                try {
                    residents = number.intValueExact();
                } catch (ArithmeticException e) {
                    problems.add(at(row.number(), positions.get(Column.RURAL_RESIDENTS), Column.RURAL_RESIDENTS.key, "number",
                            "identification.figures.whole-number", cell(row, positions.get(Column.RURAL_RESIDENTS))));
                }
            }
            income = number(row, positions, Column.PER_CAPITA_INCOME, problems);
            collective = number(row, positions, Column.COLLECTIVE_INCOME, problems);
            // Checked further even when a cell could not be read, so that every problem of the row is named at once.
            lines.add(new Line(row.number(), new VillageFigures(village, year, residents, income, collective), positions,
                    problems.size() == before));
        }
        return new Read(lines, problems);
    }

    private static String cell(UploadedTable.Row row, int position) {
        return position < row.cells().size() ? row.cells().get(position).strip() : "";
    }

    private static BigDecimal number(UploadedTable.Row row, Map<Column, Integer> positions, Column column, List<FieldProblem> problems) {
        String text = cell(row, positions.get(column));
        if (text.isEmpty()) {
            return null;
        }
        BigDecimal number = CellValues.decimal(text);
        if (number == null) {
            problems.add(at(row.number(), positions.get(column), column.key, "number", "identification.figures.not-a-number",
                    text.length() > 50 ? text.substring(0, 49) + "…" : text));
        }
        return number;
    }

    /**
     * A problem of one cell: the field {@code rows[12].perCapitaIncome}, the message naming row and column (as the
     * spreadsheet shows them) before the reason. The row is text so that no thousands separator enters it.
     */
    static FieldProblem at(int row, int position, String key, String code, String reason, Object... args) {
        return new FieldProblem("rows[" + row + "]." + key, code, "identification.figures.at", Integer.toString(row),
                letter(position), new DefaultMessageSourceResolvable(new String[] {reason}, args));
    }

    /** Problems as the file has them: those of the whole file first, then by row, then by column. */
    static final java.util.Comparator<FieldProblem> IN_FILE_ORDER = java.util.Comparator
            .comparingInt((FieldProblem p) -> p.field().startsWith("rows[")
                    ? Integer.parseInt(p.field().substring(5, p.field().indexOf(']'))) : -1)
            .thenComparingInt(p -> p.args().length > 1 ? p.args()[1].toString().length() : 0)
            .thenComparing(p -> p.args().length > 1 ? p.args()[1].toString() : "");

    /** A column's letters as spreadsheets show them: A, B, ..., Z, AA. */
    static String letter(int index) {
        return org.jingzhun.platform.table.TableRows.columnLetter(index);
    }
}
