package org.jingzhun.identification.internal;

import java.util.List;

import org.jingzhun.platform.DomainException.FieldProblem;
import org.jingzhun.platform.table.TableColumn;
import org.jingzhun.platform.table.TableKind;
import org.jingzhun.platform.table.UploadedTable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A file of village figures as a kind of the platform's staged import: the columns village code, rural residents, per
 * capita income and collective income, by a header naming them (in any order, by their keys or their headers in
 * English or Chinese, with or without their units) or, without a header, in that order; the rules of the figures'
 * form as SQL checks over the whole file, so that every problem of every row is named at once.
 */
final class VillageFiguresFile {

    /**
     * A province's villages fit (the largest has some 50,000); what one request may hold in 512 MiB. Cells right of
     * the twentieth column are skipped unread.
     */
    static final UploadedTable.Limits LIMITS = new UploadedTable.Limits(32L << 20, 60_000, 20, 1_000);

    /** The columns the figures need; a header lacking one refuses the file, though a row may leave its cell blank. */
    static final List<String> COLUMNS = List.of("villageCode", "ruralResidents", "perCapitaIncome", "collectiveIncome");

    /**
     * The kind, without its write. Residents are read as numbers so that 1.5 is named as no whole number. The checks:
     * a village of the uploader's areas, once in the file; residents a whole number of 0 or more; amounts of 0 or more
     * below a billion with at most two decimals (as the form's).
     */
    static final TableKind KIND = new TableKind("village-figures", List.of(
            TableColumn.text("villageCode", "Village code", "行政村代码", true, 20),
            TableColumn.decimal("ruralResidents", "Rural residents", "农村常住人口", false),
            TableColumn.decimal("perCapitaIncome", "Per capita net income (yuan)", "人均纯收入（元）", false),
            TableColumn.decimal("collectiveIncome", "Collective income (yuan, 0 for none)", "集体经济收入（元，无则填 0）", false)),
            LIMITS, TableKind.noRule(), List.of("""
                    select s.row_number, 'villageCode', 'unknown', 'household.village.unknown', array[s.village_code]
                      from pg_temp.staged s
                     where s.village_code is not null
                       and not exists (select 1 from area a where a.code = s.village_code and a.level = 5 and a.retired_at is null
                                          and exists (select 1 from unnest(:areas::text[]) z where a.code like z || '%'))""", """
                    select row_number, 'villageCode', 'twice', 'identification.figures.twice-at', array[village_code, first::text]
                      from (select row_number, village_code, min(row_number) over (partition by village_code) as first
                              from pg_temp.staged where village_code is not null) s
                     where row_number > first""", """
                    select row_number, 'ruralResidents', 'number', 'identification.figures.whole-number',
                           array[rural_residents::text]
                      from pg_temp.staged
                     where rural_residents <> trunc(rural_residents) or rural_residents >= 2147483648""", """
                    select row_number, 'ruralResidents', 'range', 'identification.figures.negative', array[]::text[]
                      from pg_temp.staged where rural_residents < 0 and rural_residents = trunc(rural_residents)""", """
                    select s.row_number, a.column_key, 'range', 'identification.figures.amount', array[]::text[]
                      from pg_temp.staged s
                      cross join lateral (values ('perCapitaIncome', s.per_capita_income),
                                                 ('collectiveIncome', s.collective_income)) a (column_key, amount)
                     where a.amount < 0 or scale(a.amount) > 2 or a.amount >= 1000000000"""),
            null, true);

    private VillageFiguresFile() {
    }

    /** The XLSX template of the file, from the kind's columns: the village code as text, the figures as numbers. */
    static void writeTemplate(java.util.Locale locale, java.io.OutputStream out) throws java.io.IOException {
        org.jingzhun.platform.table.TableTemplate.write(out, "zh".equals(locale.getLanguage()) ? "村级数据" : "Village figures",
                KIND.columns(), locale, java.util.Map.of("ruralResidents", "1200", "perCapitaIncome", "3500.00",
                        "collectiveIncome", "20000.00"), null, null);
    }

    /**
     * A problem of one cell: the field {@code rows[12].perCapitaIncome}, the message naming row and column (as the
     * spreadsheet shows them) before the reason. The row is text so that no thousands separator enters it.
     */
    static FieldProblem at(int row, String letter, String key, String code, String reason, Object... args) {
        return new FieldProblem("rows[" + row + "]." + key, code, "identification.figures.at", Integer.toString(row),
                letter, new DefaultMessageSourceResolvable(new String[] {reason}, args));
    }

    /** Problems as the file has them: those of the whole file first, then by row, then by column. */
    static final java.util.Comparator<FieldProblem> IN_FILE_ORDER = java.util.Comparator
            .comparingInt((FieldProblem p) -> p.field().startsWith("rows[")
                    ? Integer.parseInt(p.field().substring(5, p.field().indexOf(']'))) : -1)
            .thenComparingInt(p -> p.args().length > 1 ? p.args()[1].toString().length() : 0)
            .thenComparing(p -> p.args().length > 1 ? p.args()[1].toString() : "");
}
