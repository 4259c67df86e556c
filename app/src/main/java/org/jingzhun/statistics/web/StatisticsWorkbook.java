package org.jingzhun.statistics.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jingzhun.statistics.Indicators;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An area's dashboard as an XLSX workbook, one sheet per table of the page (indicators, trend, children,
 * breakdowns of the poor), headed in the request's language; figures are numbers, not text.
 */
@Component
class StatisticsWorkbook {

    private final MessageSource messages;

    StatisticsWorkbook(MessageSource messages) {
        this.messages = messages;
    }

    void write(AreaDashboard dashboard, String areaName, Locale locale, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Jingzhun", "1.0");
        Worksheet indicators = sheet(workbook, text("statistics.sheet.indicators", locale),
                List.of(text("statistics.area", locale), areaName + " (" + dashboard.area().code() + ")"));
        int row = 1;
        indicators.inlineString(row, 0, text("statistics.year", locale));
        indicators.value(row++, 1, dashboard.year());
        for (Column column : Column.values()) {
            indicators.inlineString(row, 0, text(column.key(), locale));
            cell(indicators, row++, 1, column.value(dashboard.indicators()));
        }
        indicators.finish();
        table(workbook, text("statistics.sheet.trend", locale), text("statistics.year", locale), dashboard.trend(),
                indicator -> Integer.toString(indicator.year()), locale);
        table(workbook, text("statistics.sheet.children", locale), text("statistics.area", locale), dashboard.children(),
                indicator -> indicator.areaCode() + " " + indicator.areaName(), locale);
        Worksheet breakdowns = sheet(workbook, text("statistics.sheet.breakdowns", locale), List.of(text("statistics.dimension", locale),
                text("statistics.value", locale), text("statistics.households", locale), text("statistics.people", locale)));
        row = 1;
        for (AreaDashboard.Group group : dashboard.breakdowns()) {
            for (AreaDashboard.Line line : group.lines()) {
                breakdowns.inlineString(row, 0, group.label());
                breakdowns.inlineString(row, 1, line.label());
                breakdowns.value(row, 2, line.households());
                breakdowns.value(row++, 3, line.people());
            }
        }
        breakdowns.finish();
        workbook.finish();
    }

    /** A sheet of indicators, one line each, named by the first cell. */
    private void table(Workbook workbook, String name, String firstHeader, List<Indicators> lines,
                       java.util.function.Function<Indicators, String> first, Locale locale) throws IOException {
        List<String> header = new ArrayList<>(List.of(firstHeader));
        for (Column column : Column.values()) {
            header.add(text(column.key(), locale));
        }
        Worksheet sheet = sheet(workbook, name, header);
        int row = 1;
        for (Indicators indicator : lines) {
            sheet.inlineString(row, 0, first.apply(indicator));
            for (Column column : Column.values()) {
                cell(sheet, row, column.ordinal() + 1, column.value(indicator));
            }
            row++;
        }
        sheet.finish();
    }

    private static Worksheet sheet(Workbook workbook, String name, List<String> header) {
        Worksheet sheet = workbook.newWorksheet(name);
        for (int c = 0; c < header.size(); c++) {
            sheet.inlineString(0, c, header.get(c));
        }
        sheet.style(0).bold().set();
        sheet.freezePane(0, 1);
        return sheet;
    }

    private static void cell(Worksheet sheet, int row, int column, Object value) {
        if (value instanceof Number number) {
            sheet.value(row, column, number);
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
