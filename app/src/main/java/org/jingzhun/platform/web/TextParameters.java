package org.jingzhun.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jingzhun.platform.DomainException;
import org.jingzhun.platform.DomainException.FieldProblem;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose parameters (query, form or multipart fields) hold a NUL character, naming each: no text
 * column of PostgreSQL can hold one, so it would otherwise fail deep in a query as a generic 500. Checked once here
 * for every endpoint, as an interceptor so that the refusal is a problem for the API and the error page for pages.
 */
class TextParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true; // static files read no parameters
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            boolean refused = name.indexOf('\0') >= 0;
            for (String value : parameter.getValue()) {
                refused |= value != null && value.indexOf('\0') >= 0;
            }
            if (refused) {
                String shown = name.replace('\0', '\uFFFD');
                problems.add(new FieldProblem(shown, "control-character", "error.parameter.nul", shown));
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return true;
    }
}
