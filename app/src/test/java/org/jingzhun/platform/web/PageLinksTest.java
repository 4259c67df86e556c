package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.ServletContext;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The links a page writes go out as its template names them: none is looked up among the static resources of the
 * class path while the page renders (the search load benchmark found that lookup, jar by jar for every link of a
 * page, to be most of a request's time), and the stylesheets and scripts are still served at those paths.
 */
@JingzhunTest
class PageLinksTest {

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noFilterRewritesThePagesLinks() {
        List<String> filters = servletContext.getFilterRegistrations().values().stream().map(f -> f.getClassName()).toList();
        assertThat(filters).isNotEmpty().noneMatch(name -> name.endsWith(".ResourceUrlEncodingFilter"));
    }

    @Test
    void theStylesheetsAndScriptsAPageNamesAreServedAtThePathsItWrites() throws Exception {
        String page = get("/login").body();
        Matcher links = Pattern.compile("<(?:link[^>]*\\shref|script[^>]*\\ssrc)=\"(/(?:webjars|css|js)/[^\"]+)\"").matcher(page);
        List<String> paths = new ArrayList<>();
        while (links.find()) {
            paths.add(links.group(1));
        }
        assertThat(paths).contains("/webjars/bootstrap/css/bootstrap.min.css", "/css/jingzhun.css",
                "/webjars/htmx.org/dist/htmx.min.js", "/js/jingzhun.js");
        for (String path : paths) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(path)
                    .matches(path.endsWith(".css") ? "text/css.*" : "(text|application)/javascript.*");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
