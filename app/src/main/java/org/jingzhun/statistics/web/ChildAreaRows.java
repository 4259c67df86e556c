package org.jingzhun.statistics.web;

import static org.jingzhun.platform.MarkupText.escaped;

import java.util.List;

import org.jingzhun.statistics.Indicators;

/**
 * The rows of the dashboard's table of child areas (each child's link and its fifteen figures), as HTML written
 * here rather than by the template: a county's table has some three hundred cells, and three expressions a cell
 * were most of the dashboard's rendering. The markup is what the template wrote; names are escaped as
 * {@code th:text} escapes them, and a figure that is none has no {@code data-value}, as {@code th:attr} left it.
 */
final class ChildAreaRows {

    private ChildAreaRows() {
    }

    /** The {@code <tr>} elements for the table's {@code <tbody>}, links under the application's path to the year. */
    static String html(List<Indicators> children, int year, String contextPath) {
        StringBuilder html = new StringBuilder(children.size() * 2_000).append('\n');
        for (Indicators child : children) {
            String code = escaped(child.areaCode());
            html.append("                <tr data-area=\"").append(code).append("\">\n                    <td data-value=\"").append(code)
                    .append("\">\n                        <a href=\"").append(escaped(contextPath)).append("/statistics?area=").append(code)
                    .append("&amp;year=").append(year).append("\">").append(escaped(child.areaName())).append("</a></td>\n");
            for (Column column : Column.values()) {
                html.append("                    \n                        <td class=\"text-end\"");
                Object value = column.value(child);
                if (value != null) {
                    html.append(" data-value=\"").append(escaped(value.toString())).append('"');
                }
                html.append(" data-column=\"").append(column.name()).append("\">").append(escaped(column.text(child))).append("</td>\n");
            }
            html.append("                    \n                </tr>\n");
        }
        return html.append("                ").toString();
    }
}
