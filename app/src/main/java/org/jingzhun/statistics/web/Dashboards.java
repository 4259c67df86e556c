package org.jingzhun.statistics.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.jingzhun.platform.Caller;
import org.jingzhun.registry.Households;
import org.jingzhun.registry.PovertyCause;
import org.jingzhun.statistics.Breakdown;
import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Gathers an area's dashboard from the statistics, with the names of areas, causes and codes in the page's language. */
@Component
class Dashboards {

    private final Statistics statistics;
    private final Areas areas;
    private final Households households;
    private final MessageSource messages;

    Dashboards(Statistics statistics, Areas areas, Households households, MessageSource messages) {
        this.statistics = statistics;
        this.areas = areas;
        this.households = households;
        this.messages = messages;
    }

    AreaDashboard of(String areaCode, Integer asked, Locale locale) {
        int year = Years.chosen(statistics, asked);
        Statistics.AreaFigures figures = statistics.figures(areaCode, year); // refuses areas out of reach first
        Area area = areas.get(figures.indicators().areaCode());
        Caller caller = Caller.required();
        List<Area.AreaRef> breadcrumbs = new ArrayList<>();
        if (caller.national()) {
            breadcrumbs.add(new Area.AreaRef(Areas.NATION, messages.getMessage("statistics.nation", null, locale)));
        }
        area.path().stream().filter(ancestor -> caller.reaches(ancestor.code())).forEach(breadcrumbs::add);
        List<Indicators> trend = statistics.trend(area.code());
        List<Integer> years = new ArrayList<>(trend.stream().map(Indicators::year).toList()); // the years of the figures
        if (!years.contains(year)) {
            years.add(year);
            years.sort(null);
        }
        return new AreaDashboard(area, breadcrumbs, year, years, figures.indicators(), trend,
                statistics.children(area.code(), year),
                groups(figures.breakdowns(), locale));
    }

    /** The area's name as shown: the nation's in the page's language, others as in the division data. */
    String name(Area area, Locale locale) {
        return area.code().isEmpty() ? messages.getMessage("statistics.nation", null, locale) : area.name();
    }

    private List<AreaDashboard.Group> groups(List<Breakdown> breakdowns, Locale locale) {
        Map<String, String> causes = households.causes().stream()
                .collect(Collectors.toMap(PovertyCause::code, cause -> cause.name(locale)));
        Map<Breakdown.Dimension, List<AreaDashboard.Line>> lines = new EnumMap<>(Breakdown.Dimension.class);
        for (Breakdown.Dimension dimension : Breakdown.Dimension.values()) {
            lines.put(dimension, new ArrayList<>());
        }
        for (Breakdown b : breakdowns) {
            String label = b.value().isEmpty() ? messages.getMessage("statistics.not-recorded", null, locale)
                    : b.dimension() == Breakdown.Dimension.CAUSE ? causes.getOrDefault(b.value(), b.value())
                    : messages.getMessage(prefix(b.dimension()) + b.value(), null, b.value(), locale);
            lines.get(b.dimension()).add(new AreaDashboard.Line(b.value(), label, b.households(), b.people()));
        }
        return lines.entrySet().stream()
                .map(e -> new AreaDashboard.Group(e.getKey(),
                        messages.getMessage("statistics.dimension." + e.getKey(), null, locale), e.getValue()))
                .toList();
    }

    /** The message keys the registry's pages name these codes with. */
    private static String prefix(Breakdown.Dimension dimension) {
        return switch (dimension) {
            case CATEGORY -> "category.";
            case HEALTH -> "health.";
            case SCHOOLING -> "schooling.";
            case WORK_ABILITY -> "workAbility.";
            case CAUSE -> "";
        };
    }
}
