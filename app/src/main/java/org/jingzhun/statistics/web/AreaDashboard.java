package org.jingzhun.statistics.web;

import java.util.List;

import org.jingzhun.area.Area;
import org.jingzhun.statistics.Breakdown;
import org.jingzhun.statistics.Indicators;

/**
 * What the dashboard, the printable summary and the workbook of an area show, with labels in one language:
 * the area with its ancestors the caller reaches, the year and the years to choose from, the indicators, the
 * trend, the children and the breakdowns of the poor.
 */
public record AreaDashboard(Area area, List<Area.AreaRef> breadcrumbs, int year, List<Integer> years, Indicators indicators,
                            List<Indicators> trend, List<Indicators> children, List<Group> breakdowns) {

    /** The columns of every table and the cards, in order. */
    public List<Column> columns() {
        return List.of(Column.values());
    }

    /** The breakdowns by one dimension, each line with its label. */
    public record Group(Breakdown.Dimension dimension, String label, List<Line> lines) {
    }

    /** One value of a dimension: its label, households and people. */
    public record Line(String value, String label, long households, long people) {
    }
}
