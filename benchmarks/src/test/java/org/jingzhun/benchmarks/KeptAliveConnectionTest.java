package org.jingzhun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load clients' connection reads whole answers of either framing, and follows the server's closing. */
class KeptAliveConnectionTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private URI base;
    private byte[] page;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page = "页".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.UTF_8); // beyond any buffer
        server.createContext("/", exchange -> {
            // Which connection the request came on, and with which token.
            seen.add(exchange.getRemoteAddress().getPort() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/close")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            int status = path.equals("/missing") ? 404 : 200;
            // Length 0 answers in chunks; a length, by the length.
            exchange.sendResponseHeaders(status, path.equals("/chunked") || path.equals("/missing") ? 0 : page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsAnswersByLengthAndByChunksOnOneConnection() throws Exception {
        try (KeptAliveConnection connection = new KeptAliveConnection(base, Duration.ofSeconds(30))) {
            assertThat(connection.get("/fixed?q=1", "t1")).isEqualTo(200);
            assertThat(connection.bodyBytes()).isEqualTo(page.length);
            assertThat(connection.get("/chunked", "t1")).isEqualTo(200);
            assertThat(connection.bodyBytes()).isEqualTo(page.length);
            assertThat(connection.get("/missing", "t1")).isEqualTo(404);
            assertThat(connection.bodyBytes()).isEqualTo(page.length);
            assertThat(connection.get("/fixed", "t1")).isEqualTo(200);
        }
        assertThat(seen).hasSize(4);
        assertThat(seen.stream().map(entry -> entry.split(" ")[0]).distinct()).hasSize(1);
        assertThat(seen).allMatch(entry -> entry.endsWith(" Bearer t1"));
    }

    @Test
    void opensANewConnectionOnceTheServerClosesOne() throws Exception {
        try (KeptAliveConnection connection = new KeptAliveConnection(base, Duration.ofSeconds(30))) {
            assertThat(connection.get("/close", "t2")).isEqualTo(200);
            assertThat(connection.bodyBytes()).isEqualTo(page.length);
            assertThat(connection.get("/fixed", "t2")).isEqualTo(200);
            assertThat(connection.get("/fixed", "t2")).isEqualTo(200);
        }
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).split(" ")[0]).isNotEqualTo(seen.get(0).split(" ")[0]);
        assertThat(seen.get(2).split(" ")[0]).isEqualTo(seen.get(1).split(" ")[0]);
    }
}
