package org.jingzhun.statistics.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Statistics are read by analysts, auditors, administrators and reviewers; administrators may force a refresh.
 * The dashboard's script goes to those who see the dashboard.
 */
@Component
class StatisticsEndpointRules implements EndpointRules {

    static final Set<Role> READERS = Set.of(Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.REVIEWER);

    @Override
    public void declare(Rules rules) {
        rules.roles(HttpMethod.GET, READERS, "/statistics", "/statistics/summary", "/js/statistics.js",
                        "/api/v1/statistics", "/api/v1/statistics/children", "/api/v1/statistics/trend",
                        "/api/v1/statistics/years", "/api/v1/statistics/export")
                .roles(HttpMethod.POST, Set.of(Role.ADMINISTRATOR), "/api/v1/statistics/refresh");
    }
}
