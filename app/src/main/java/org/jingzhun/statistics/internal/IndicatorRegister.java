package org.jingzhun.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jingzhun.area.Area;
import org.jingzhun.area.Areas;
import org.jingzhun.platform.Caller;
import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.Role;
import org.jingzhun.statistics.Breakdown;
import org.jingzhun.statistics.Indicators;
import org.jingzhun.statistics.Statistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The indicators read from the rollups alone, for areas within the caller's areas. */
@Service
class IndicatorRegister implements Statistics {

    private static final Role[] READERS = {Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.REVIEWER};

    /**
     * The sums that make an area's indicators in year {@code year} (an SQL expression) from its rows, whose year is
     * {@code column}: stocks up to the year, flows and incomes of the year.
     */
    private static String sums(String column, String year) {
        return """
                coalesce(sum(households) filter (where %1$s <= %2$s), 0) as households,
                coalesce(sum(residents) filter (where %1$s <= %2$s), 0) as residents,
                coalesce(sum(poor_households) filter (where %1$s <= %2$s), 0) as poor_households,
                coalesce(sum(poor_residents) filter (where %1$s <= %2$s), 0) as poor_residents,
                coalesce(sum(poor_villages) filter (where %1$s <= %2$s), 0) as poor_villages,
                coalesce(sum(registered_households) filter (where %1$s = %2$s), 0) as registered_households,
                coalesce(sum(registered_people) filter (where %1$s = %2$s), 0) as registered_people,
                coalesce(sum(exited_households) filter (where %1$s = %2$s), 0) as exited_households,
                coalesce(sum(exited_people) filter (where %1$s = %2$s), 0) as exited_people,
                coalesce(sum(returned_households) filter (where %1$s = %2$s), 0) as returned_households,
                coalesce(sum(returned_people) filter (where %1$s = %2$s), 0) as returned_people,
                coalesce(sum(income_people) filter (where %1$s = %2$s), 0) as income_people,
                coalesce(sum(income_total) filter (where %1$s = %2$s), 0) as income_total,
                coalesce(sum(growth_now) filter (where %1$s = %2$s), 0) as growth_now,
                coalesce(sum(growth_before) filter (where %1$s = %2$s), 0) as growth_before,
                max(median_income) filter (where %1$s = %2$s) as median_income""".formatted(column, year);
    }

    /** An area's indicators in year :year. */
    private static final String SUMS = sums("year", ":year");

    /**
     * An area's rows, by the rollups' key: the county first (the area's own code above a county, see
     * {@code area_county}), so that one area is one range of the key, not a skip through every county's.
     */
    static final String AREA_ROWS = "county_code = area_county(:area) and area_code = :area";

    /** The nation's rows, whose years are the years of the figures. */
    private static final String NATION_ROWS = "county_code = '' and area_code = ''";

    private final JdbcClient jdbc;
    private final Areas areas;
    private final Rollups rollups;

    IndicatorRegister(JdbcClient jdbc, Areas areas, Rollups rollups) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.rollups = rollups;
    }

    @Override
    public List<Integer> years() {
        Caller.required().requireAny(READERS);
        return jdbc.sql("select min(year), max(year) from statistics_figure where " + NATION_ROWS)
                .query((rs, i) -> rs.getObject(1) == null ? List.<Integer>of()
                        : IntStream.rangeClosed(rs.getInt(1), rs.getInt(2)).boxed().toList())
                .single();
    }

    @Override
    public AreaFigures figures(String areaCode, int year) {
        Area area = reachable(areaCode);
        Indicators indicators = jdbc.sql("select " + SUMS + " from statistics_figure where " + AREA_ROWS)
                .param("area", area.code()).param("year", year)
                .query((rs, i) -> indicators(rs, area, year))
                .single();
        List<Breakdown> breakdowns = jdbc.sql("""
                select dimension, value, sum(households) as households, sum(people) as people
                  from statistics_breakdown where\s""" + AREA_ROWS + """
                   and year <= :year
                 group by dimension, value having sum(households) <> 0 or sum(people) <> 0
                 order by dimension, sum(people) desc, value""")
                .param("area", area.code()).param("year", year)
                .query((rs, i) -> new Breakdown(Breakdown.Dimension.valueOf(rs.getString("dimension")), rs.getString("value"),
                        rs.getLong("households"), rs.getLong("people")))
                .list();
        return new AreaFigures(indicators, breakdowns);
    }

    @Override
    public List<Indicators> children(String areaCode, int year) {
        Area parent = reachable(areaCode);
        Map<String, Indicators> figures = new HashMap<>();
        List<Area> children = areas.children(parent.code());
        Map<String, Area> byCode = new HashMap<>();
        children.forEach(child -> byCode.put(child.code(), child));
        jdbc.sql("select area_code, " + SUMS + " from statistics_figure where parent_code = :area and year <= :year group by area_code")
                .param("area", parent.code()).param("year", year)
                .query((rs, i) -> {
                    Area child = byCode.get(rs.getString("area_code"));
                    if (child != null) {
                        figures.put(child.code(), indicators(rs, child, year));
                    }
                    return null;
                })
                .list();
        return children.stream().map(child -> figures.getOrDefault(child.code(), empty(child, year))).toList();
    }

    @Override
    public List<Indicators> trend(String areaCode) {
        Area area = reachable(areaCode);
        // Every year of the figures in one statement: the area's few rows, each summed into the years it counts in.
        return jdbc.sql("select y.year, " + sums("f.year", "y.year")
                        + " from generate_series((select min(year)::int from statistics_figure where " + NATION_ROWS + "),"
                        + " (select max(year)::int from statistics_figure where " + NATION_ROWS + ")) y(year)"
                        + " left join statistics_figure f on f.county_code = area_county(:area) and f.area_code = :area"
                        + " group by y.year order by y.year")
                .param("area", area.code())
                .query((rs, i) -> indicators(rs, area, rs.getInt("year")))
                .list();
    }

    @Override
    @Transactional
    public int refresh() {
        return rollups.drain(true);
    }

    /** The area if it exists and the caller may read statistics there; else not found. */
    private Area reachable(String areaCode) {
        Caller caller = Caller.required();
        caller.requireAny(READERS);
        String code = areaCode == null ? "" : areaCode.strip();
        return areas.find(code).filter(area -> caller.reaches(area.code()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "area.not-found", code));
    }

    private static Indicators indicators(ResultSet rs, Area area, int year) throws SQLException {
        Integer median = rs.getObject("median_income", Integer.class);
        long poorResidents = rs.getLong("poor_residents");
        long residents = rs.getLong("residents");
        long incomePeople = rs.getLong("income_people");
        BigDecimal before = rs.getBigDecimal("growth_before");
        return new Indicators(area.code(), area.name(), area.level(), year, rs.getLong("households"), residents,
                rs.getLong("poor_households"), poorResidents, Indicators.incidence(poorResidents, residents),
                rs.getLong("registered_households"), rs.getLong("registered_people"), rs.getLong("exited_households"),
                rs.getLong("exited_people"), rs.getLong("returned_households"), rs.getLong("returned_people"),
                rs.getLong("poor_villages"),
                incomePeople == 0 ? null : rs.getBigDecimal("income_total").divide(BigDecimal.valueOf(incomePeople), 2, RoundingMode.HALF_UP),
                median == null ? null : BigDecimal.valueOf(median),
                before.signum() == 0 ? null : rs.getBigDecimal("growth_now").subtract(before).multiply(BigDecimal.valueOf(100))
                        .divide(before, 2, RoundingMode.HALF_UP));
    }

    private static Indicators empty(Area area, int year) {
        return new Indicators(area.code(), area.name(), area.level(), year, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, null, null, null);
    }
}
