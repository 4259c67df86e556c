package org.jingzhun.job.web;

import org.jingzhun.platform.EndpointRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Anyone signed in follows their own jobs; which jobs they see is decided below, by owner. */
@Component
class JobEndpointRules implements EndpointRules {

    @Override
    public void declare(Rules rules) {
        rules.signedIn(HttpMethod.GET, "/jobs", "/jobs/*", "/jobs/*/progress", "/api/v1/jobs", "/api/v1/jobs/*");
    }
}
