package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jingzhun.JingzhunTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The headers every answer carries, the session cookie and redirects (issue 11, item 13), over real HTTP to the
 * running server: what a browser sees, not what a mock request would.
 */
@JingzhunTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pagesCarryAContentSecurityPolicyAReferrerPolicyAndAPermissionsPolicy() throws Exception {
        for (String path : List.of("/login", "/public/identification", "/api/v1/areas")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(directive(policy, "script-src")).as(path).isEqualTo("script-src 'self'");
            assertThat(directive(policy, "object-src")).as(path).isEqualTo("object-src 'none'");
            assertThat(directive(policy, "frame-ancestors")).as(path).isEqualTo("frame-ancestors 'none'");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            assertThat(answer.headers().firstValue("Permissions-Policy")).as(path)
                    .hasValueSatisfying(value -> assertThat(value).contains("camera=()", "geolocation=()", "microphone=()"));
        }
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHiddenFromScripts() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly")
                .doesNotContainIgnoringCase("Secure"); // plain HTTP here; Tomcat adds Secure to a cookie set over HTTPS
    }

    @Test
    void redirectsAreRelativeWhateverHostTheRequestNames() throws Exception {
        String toSignIn = rawGet("/households", "evil.example");
        assertThat(toSignIn).startsWith("HTTP/1.1 302");
        assertThat(location(toSignIn)).isEqualTo("/login");

        String toSignInFromApiDocs = rawGet("/api-docs", "evil.example:8443");
        assertThat(toSignInFromApiDocs).startsWith("HTTP/1.1 302");
        assertThat(location(toSignInFromApiDocs)).doesNotContain("evil.example").startsWith("/");
    }

    @Test
    void noTemplateRunsInlineScript() throws IOException {
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=|th:on[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        Pattern script = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", Pattern.CASE_INSENSITIVE);
        List<String> inline = new ArrayList<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(template);
                for (Matcher m : List.of(handler.matcher(text), script.matcher(text))) {
                    while (m.find()) {
                        inline.add(template + ": " + m.group().strip());
                    }
                }
            }
        }
        assertThat(inline).as("inline scripts or handlers, which the Content-Security-Policy blocks").isEmpty();
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.strip().startsWith(name + " ")) {
                return directive.strip();
            }
        }
        return "";
    }

    /** A request whose Host header is forged, written by hand: HTTP clients refuse to set one. */
    private String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String location(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                return line.substring(9).strip();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no Location in " + response);
    }
}
