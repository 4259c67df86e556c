package org.jingzhun.statistics.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The indicators by area and year as JSON and as a workbook: the same figures as the dashboard pages. */
@RestController
@Tag(name = "Statistics", description = "Indicators by area (\"\" the nation) and year, from the system's rollups")
class StatisticsApi {

    private final Statistics statistics;
    private final Dashboards dashboards;
    private final StatisticsWorkbook workbook;

    StatisticsApi(Statistics statistics, Dashboards dashboards, StatisticsWorkbook workbook) {
        this.statistics = statistics;
        this.dashboards = dashboards;
        this.workbook = workbook;
    }

    @GetMapping("/api/v1/statistics")
    @Operation(summary = "An area's indicators and the breakdowns of its poor in a year (default: the latest); 404 outside the caller's areas")
    Statistics.AreaFigures figures(@RequestParam(defaultValue = "") String area, @RequestParam(required = false) Integer year) {
        return statistics.figures(area, Years.chosen(statistics, year));
    }

    @GetMapping("/api/v1/statistics/children")
    @Operation(summary = "The indicators of an area's direct children in a year, by code")
    List<Indicators> children(@RequestParam(defaultValue = "") String area, @RequestParam(required = false) Integer year) {
        return statistics.children(area, Years.chosen(statistics, year));
    }

    @GetMapping("/api/v1/statistics/trend")
    @Operation(summary = "An area's indicators in each year the figures cover")
    List<Indicators> trend(@RequestParam(defaultValue = "") String area) {
        return statistics.trend(area);
    }

    @GetMapping("/api/v1/statistics/years")
    @Operation(summary = "The years the figures cover, oldest first")
    List<Integer> years() {
        return statistics.years();
    }

    @GetMapping("/api/v1/statistics/export")
    @Operation(summary = "An area's tables (indicators, trend, children, breakdowns) as an XLSX workbook in the request's language")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "") String area,
                                                 @RequestParam(required = false) Integer year, Locale locale) {
        AreaDashboard dashboard = dashboards.of(area, year, locale);
        String name = "statistics-" + (dashboard.area().code().isEmpty() ? "nation" : dashboard.area().code()) + "-" + dashboard.year();
        String areaName = dashboards.name(dashboard.area(), locale);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".xlsx").build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> workbook.write(dashboard, areaName, locale, out));
    }

    @PostMapping("/api/v1/statistics/refresh")
    @Operation(summary = "Recomputes at once the figures of the villages changed since the last refresh (else done within seconds)")
    Map<String, Integer> refresh() {
        return Map.of("villages", statistics.refresh());
    }
}
