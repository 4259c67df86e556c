package org.jingzhun.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One load client's HTTP/1.1 connection, kept alive from request to request as a browser keeps it: a GET with a
 * bearer token, its answer read to the end (by length or by chunks) and counted, not kept. The JDK's client cost
 * the load generator about 1.2 ms of CPU per request (its selector, executor hand-offs and body subscribers), taken
 * from the same two cores as the application under measure; this costs a small fraction of that. Not thread-safe:
 * one per client.
 */
final class KeptAliveConnection implements AutoCloseable {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] skip = new byte[16 * 1024];
    private long bodyBytes;

    KeptAliveConnection(URI base, Duration timeout) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** The status of a GET of the path (with its query), its body read and dropped. */
    int get(String pathAndQuery, String token) throws IOException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/html\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (EOFException | java.net.SocketException closedMeanwhile) {
            if (!reused) {
                throw closedMeanwhile;
            }
            // The server may close a kept connection between two requests (its idle timeout, its request limit):
            // a browser then sends the GET again on a new one, and so does this.
            close();
            return exchange(request);
        }
    }

    private int exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            close();
            throw new IOException("Not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        bodyBytes = 0;
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        if (chunked) {
            for (long chunk = Long.parseLong(chunkSize(line()), 16); chunk > 0; chunk = Long.parseLong(chunkSize(line()), 16)) {
                discard(chunk);
                if (!line().isEmpty()) {
                    close();
                    throw new IOException("A chunk longer than its size said");
                }
            }
            while (!line().isEmpty()) {
                // trailers, if any
            }
        } else if (length >= 0) {
            discard(length);
        } else {
            closes = true; // read to the end of the connection
            for (int read = in.read(skip); read >= 0; read = in.read(skip)) {
                bodyBytes += read;
            }
        }
        if (closes) {
            close();
        }
        return status;
    }

    /** The length of the last answer's body. */
    long bodyBytes() {
        return bodyBytes;
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension < 0 ? line : line.substring(0, extension)).strip();
    }

    private void discard(long bytes) throws IOException {
        while (bytes > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, bytes));
            if (read < 0) {
                throw new EOFException("The answer ended " + bytes + " bytes early");
            }
            bytes -= read;
            bodyBytes += read;
        }
    }

    /** A header line, without its CRLF (ASCII: header values this reads are). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
