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
     * An SQL condition that keeps rows whose area code column lies inside the caller's areas, with its
     * parameters: {@code (col like :scope0 or col like :scope1)}. Prefix matches, so indexes on the code serve it.
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
            conditions.add(column + " like :" + parameterPrefix + i);
            parameters.put(parameterPrefix + i, sorted.get(i) + "%"); // area codes are digits: nothing to escape
        }
        return new Restriction(conditions.isEmpty() ? "false" : "(" + String.join(" or ", conditions) + ")", parameters);
    }

    /**
     * The same condition, narrowed by {@code countyColumn = any(:counties)} when every area of the caller is a county or
     * inside one: a distributed engine sharded by county code then reads only those counties' shards (the prefix
     * condition stays, for the areas below a county).
     */
    public Restriction restrict(String column, String parameterPrefix, String countyColumn) {
        Restriction prefixes = restrict(column, parameterPrefix);
        if (areas.isEmpty() || areas.stream().anyMatch(area -> area.length() < 6)) {
            return prefixes;
        }
        Map<String, Object> parameters = new TreeMap<>(prefixes.parameters());
        parameters.put(parameterPrefix + "Counties", areas.stream().map(area -> area.substring(0, 6)).distinct().sorted()
                .toArray(String[]::new));
        return new Restriction(countyColumn + " = any(:" + parameterPrefix + "Counties) and " + prefixes.sql(), parameters);
    }

    /** An SQL condition with its named parameters. */
    public record Restriction(String sql, Map<String, Object> parameters) {
    }
}
