package org.jingzhun.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user a request acts for: roles and the areas it is bound to (area codes; the empty code is
 * the nation). Features ask it, below their controllers, whether an area is in reach, so that data outside
 * the caller's areas is treated as absent.
 */
public record Caller(long userId, String login, Set<Role> roles, Set<String> areas) {

    public Caller {
        roles = Set.copyOf(roles);
        areas = Set.copyOf(areas);
    }

    /** A principal that knows the caller it stands for (set by the account feature at sign-in). */
    public interface Principal {
        Caller caller();
    }

    /** The caller of the current request, or empty for an anonymous request. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Principal principal
                ? Optional.of(principal.caller()) : Optional.empty();
    }

    /** The caller of the current request; refused as not found when there is none. */
    public static Caller required() {
        return current().orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "access.signed-out"));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Refuses the request unless the caller holds one of the roles; the refusal names them. */
    public void requireAny(Role... required) {
        for (Role role : required) {
            if (has(role)) {
                return;
            }
        }
        throw new DomainException(DomainException.Kind.FORBIDDEN, "access.role-required",
                String.join(", ", java.util.Arrays.stream(required).map(Role::name).toList()));
    }

    /** Whether the area (or anything inside it) is within one of the caller's areas. */
    public boolean reaches(String areaCode) {
        return areaCode != null && areas.stream().anyMatch(areaCode::startsWith);
    }

    /** Whether the caller's areas cover the whole country. */
    public boolean national() {
        return areas.contains("");
    }

    /**
     * An SQL condition that keeps rows whose area code column lies inside the caller's areas, with its parameters:
     * {@code ((col >= :scope0 and col < :scope0End) or ...)}, each area the range of the codes it begins. Codes are
     * digits, and code columns compare bytewise ({@code collate "C"}), so {@code area + ":"} is above every code
     * inside the area; an index on the code serves the range as it would a prefix match, and the planner weighs a
     * range in a few microseconds where a {@code like} pattern is tried against the column's statistics (a
     * quarter to half a millisecond per pattern, on every search planned for its values).
     */
    public Restriction restrict(String column) {
        return restrict(column, "scope");
    }

    /** The same condition with its own parameter names, for a second scoped column in one statement. */
    public Restriction restrict(String column, String parameterPrefix) {
        if (national()) {
            return new Restriction("true", Map.of());
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new TreeMap<>();
        List<String> sorted = areas.stream().sorted(Comparator.naturalOrder()).toList();
        for (int i = 0; i < sorted.size(); i++) {
            String name = parameterPrefix + i;
            conditions.add("(" + column + " >= :" + name + " and " + column + " < :" + name + "End)");
            parameters.put(name, sorted.get(i));
            parameters.put(name + "End", sorted.get(i) + ":");
        }
        return new Restriction(conditions.isEmpty() ? "false" : "(" + String.join(" or ", conditions) + ")", parameters);
    }

    /**
     * The same condition, narrowed by {@code countyColumn = any(:counties)} when every area of the caller is a county or
     * inside one: a distributed engine sharded by county code then reads only those counties' shards. The ranges stay,
     * for the areas below a county and for indexes that lead with the area code after another column (a name).
     */
    public Restriction restrict(String column, String parameterPrefix, String countyColumn) {
        Restriction ranges = restrict(column, parameterPrefix);
        if (areas.isEmpty() || areas.stream().anyMatch(area -> area.length() < 6)) {
            return ranges;
        }
        Map<String, Object> parameters = new TreeMap<>(ranges.parameters());
        parameters.put(parameterPrefix + "Counties", areas.stream().map(area -> area.substring(0, 6)).distinct().sorted()
                .toArray(String[]::new));
        return new Restriction(countyColumn + " = any(:" + parameterPrefix + "Counties) and " + ranges.sql(), parameters);
    }

    /** An SQL condition with its named parameters. */
    public record Restriction(String sql, Map<String, Object> parameters) {
    }
}
