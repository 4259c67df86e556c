package org.jingzhun.area.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jingzhun.area.Area;
import org.jingzhun.area.Area.AreaRef;
import org.jingzhun.area.AreaLevel;
import org.jingzhun.area.Areas;
import org.jingzhun.platform.DomainException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads areas with their counts and ancestors; every "inside X" question is a prefix match on the code. */
@Service
class AreaDirectory implements Areas {

    private static final String SELECT = """
            select a.code, a.name, a.level, a.parent_code, a.retired_at is not null as retired,
                   coalesce(s.children, 0) as children, coalesce(s.villages, 0) as villages
              from area a left join area_size s on s.code = a.code
            """;

    private final JdbcClient jdbc;

    AreaDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Area> find(String code) {
        if (code == null || !code.matches("\\d{0,12}")) {
            return Optional.empty();
        }
        if (code.isEmpty()) {
            return Optional.of(nation());
        }
        return withPaths(jdbc.sql(SELECT + " where a.code = :code").param("code", code).query(this::row).list())
                .stream().findFirst();
    }

    @Override
    public Map<String, Area> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        Map<String, Area> byCode = new HashMap<>();
        withPaths(jdbc.sql(SELECT + " where a.code in (:codes)").param("codes", Set.copyOf(codes)).query(this::row).list())
                .forEach(area -> byCode.put(area.code(), area));
        return byCode;
    }

    @Override
    public Area get(String code) {
        return find(code).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "area.not-found", code));
    }

    @Override
    public List<Area> children(String code) {
        Area parent = get(code);
        List<AreaRef> path = new ArrayList<>(parent.path());
        if (!code.isEmpty()) {
            path.add(new AreaRef(parent.code(), parent.name()));
        }
        String where = code.isEmpty() ? "a.parent_code is null" : "a.parent_code = :code";
        return jdbc.sql(SELECT + " where " + where + " and a.retired_at is null order by a.code")
                .param("code", code)
                .query((rs, i) -> row(rs, i).withPath(path)).list().stream().map(PathlessArea::area).toList();
    }

    @Override
    public List<Area> search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        List<PathlessArea> found;
        if (q.matches("\\d{1,12}")) {
            found = jdbc.sql(SELECT + " where a.code like :prefix and a.retired_at is null order by a.level, a.code limit :limit")
                    .param("prefix", q + "%").param("limit", limit).query(this::row).list();
        } else {
            found = jdbc.sql(SELECT + """
                     where a.name like :pattern escape '\\' and a.retired_at is null
                     order by a.name <> :q, a.level, a.code limit :limit""")
                    .param("pattern", "%" + likeEscape(q) + "%").param("q", q).param("limit", limit)
                    .query(this::row).list();
        }
        return withPaths(found);
    }

    private Area nation() {
        int[] size = jdbc.sql("select children, villages from area_size where code = ''")
                .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional().orElse(new int[] {0, 0});
        return new Area(NATION, NATION_NAME, AreaLevel.NATION, null, false, size[0], size[1], List.of());
    }

    /** Fetches the ancestors of all the given areas in one query. */
    private List<Area> withPaths(List<PathlessArea> areas) {
        Set<String> ancestorCodes = new LinkedHashSet<>();
        for (PathlessArea area : areas) {
            ancestorCodes.addAll(ancestorCodes(area.code()));
        }
        Map<String, String> names = names(ancestorCodes);
        return areas.stream().map(area -> area.withPath(ancestorCodes(area.code()).stream()
                .map(code -> new AreaRef(code, names.getOrDefault(code, code))).toList()).area()).toList();
    }

    private Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("select code, name from area where code in (:codes)").param("codes", codes)
                    .query((rs, i) -> names.put(rs.getString(1), rs.getString(2))).list();
        }
        return names;
    }

    /** The codes of the ancestors below the nation: 530102001001 → 53, 5301, 530102, 530102001. */
    static List<String> ancestorCodes(String code) {
        List<String> codes = new ArrayList<>();
        for (AreaLevel level : AreaLevel.values()) {
            if (level.codeLength() > 0 && level.codeLength() < code.length()) {
                codes.add(code.substring(0, level.codeLength()));
            }
        }
        return codes;
    }

    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private PathlessArea row(ResultSet rs, int rowNum) throws SQLException {
        return new PathlessArea(rs.getString("code"), rs.getString("name"), AreaLevel.ofDepth(rs.getInt("level")),
                rs.getString("parent_code"), rs.getBoolean("retired"), rs.getInt("children"), rs.getInt("villages"), null);
    }

    /** A row before its ancestors are known. */
    private record PathlessArea(String code, String name, AreaLevel level, String parentCode, boolean retired,
                                int children, int villages, List<AreaRef> path) {
        PathlessArea withPath(List<AreaRef> ancestors) {
            return new PathlessArea(code, name, level, parentCode, retired, children, villages, ancestors);
        }

        Area area() {
            return new Area(code, name, level, parentCode, retired, children, villages, path);
        }
    }
}
