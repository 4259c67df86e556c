package org.jingzhun.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jingzhun.platform.Caller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: who is signed in, their menus, and the query to keep when switching language. */
@ControllerAdvice
class LayoutAdvice {

    /** The signed-in caller, or null. */
    @ModelAttribute("caller")
    Caller caller() {
        return Caller.current().orElse(null);
    }

    /** The menus the caller sees. */
    @ModelAttribute("menu")
    Menu menu() {
        return Menu.of(Caller.current().orElse(null));
    }

    /** The current query without its lang parameter, ending in '&' when not empty, e.g. "q=%E6%B8%85&". */
    @ModelAttribute("keptQuery")
    String keptQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || request.getMethod().equals("POST")) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (!part.isEmpty() && !part.startsWith("lang=")) {
                kept.append(part).append('&');
            }
        }
        return kept.toString();
    }
}
