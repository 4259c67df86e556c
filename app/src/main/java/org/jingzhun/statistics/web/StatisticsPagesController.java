package org.jingzhun.statistics.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jingzhun.platform.Caller;
import org.jingzhun.statistics.Indicators;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The dashboard of an area (the caller's own when none is asked) and its one-page printable summary. */
@Controller
class StatisticsPagesController {

    private final Dashboards dashboards;
    private final MessageSource messages;
    private final JsonMapper json;

    StatisticsPagesController(Dashboards dashboards, MessageSource messages, JsonMapper json) {
        this.dashboards = dashboards;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/statistics")
    String dashboard(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                     Model model, Locale locale, jakarta.servlet.http.HttpServletRequest request) {
        AreaDashboard dashboard = show(area, year, model, locale);
        model.addAttribute("childRows", ChildAreaRows.html(dashboard.children(), dashboard.year(), request.getContextPath()));
        // The charts' data and labels, read by statistics.js; '<' escaped so that no name can end the script element.
        model.addAttribute("chartData", json.writeValueAsString(charts(dashboard, locale)).replace("<", "\\u003c"));
        return "statistics/dashboard";
    }

    @GetMapping("/statistics/summary")
    String summary(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                   Model model, Locale locale) {
        show(area, year, model, locale);
        return "statistics/summary";
    }

    private AreaDashboard show(String area, Integer year, Model model, Locale locale) {
        // Without an area: the caller's first one (the nation for a national caller).
        String code = area != null ? area : Caller.required().areas().stream().sorted().findFirst().orElse("");
        AreaDashboard dashboard = dashboards.of(code, year, locale);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("areaName", dashboards.name(dashboard.area(), locale));
        return dashboard;
    }

    private Map<String, Object> charts(AreaDashboard dashboard, Locale locale) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("poorResidents", text("statistics.column.POOR_RESIDENTS", locale));
        charts.put("incidence", text("statistics.column.INCIDENCE", locale));
        charts.put("households", text("statistics.households", locale));
        charts.put("years", dashboard.trend().stream().map(Indicators::year).toList());
        charts.put("trendPoor", dashboard.trend().stream().map(Indicators::poorResidents).toList());
        charts.put("trendIncidence", dashboard.trend().stream().map(Indicators::incidence).toList());
        charts.put("children", dashboard.children().stream().map(Indicators::areaName).toList());
        charts.put("childCodes", dashboard.children().stream().map(Indicators::areaCode).toList());
        charts.put("childPoor", dashboard.children().stream().map(Indicators::poorResidents).toList());
        charts.put("childIncidence", dashboard.children().stream().map(Indicators::incidence).toList());
        charts.put("year", dashboard.year());
        charts.put("causes", dashboard.breakdowns().stream()
                .filter(group -> group.dimension() == org.jingzhun.statistics.Breakdown.Dimension.CAUSE)
                .flatMap(group -> group.lines().stream())
                .map(line -> Map.of("name", line.label(), "value", line.households()))
                .toList());
        return charts;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
