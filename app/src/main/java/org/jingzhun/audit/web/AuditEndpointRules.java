package org.jingzhun.audit.web;

import java.util.Set;

import org.jingzhun.platform.EndpointRules;
import org.jingzhun.platform.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Auditors and administrators read the audit trail; nobody changes it. */
@Component
class AuditEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.roles(HttpMethod.GET, Set.of(Role.AUDITOR, Role.ADMINISTRATOR), "/audit", "/api/v1/audit");
    }
}
