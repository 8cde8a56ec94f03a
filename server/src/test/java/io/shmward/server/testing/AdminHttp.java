package io.shmward.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * GETs against a test server's admin endpoint: the full API on its Unix socket (as {@code curl
 * --unix-socket} would), the TCP listener as any local process would (with or without the token), and
 * Prometheus text parsed into series → value.
 */
public final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminHttp() {
    }

    /** One answer: status, headers (names in lower case), body. */
    public record Reply(int status, Map<String, String> headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static String baseUrl(TestServer server) {
        return server.server().adminUrl().orElseThrow(() -> new AssertionError("the admin endpoint is off"));
    }

    public static Path unixSocket(TestServer server) {
        return server.server().admin().orElseThrow(() -> new AssertionError("the admin endpoint is off")).unixSocket();
    }

    /** The token that opens the full API over TCP, read from its file; the server must have been told to. */
    public static String token(TestServer server) throws IOException {
        Path file = server.server().admin().orElseThrow().tokenFile();
        if (file == null) {
            throw new AssertionError("the full API is not open over TCP (admin.api-over-tcp)");
        }
        return Files.readString(file).strip();
    }

    /** {@code GET path} on the admin Unix socket: the full API. */
    public static Reply get(TestServer server, String path) throws IOException {
        try (AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(unixSocket(server).toFile()))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    /** {@code GET path} on the TCP listener, with {@code Authorization: Bearer token} unless null. */
    public static Reply getOverTcp(TestServer server, String path, String token) throws IOException {
        String base = baseUrl(server);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - 1) + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new HashMap<>();
            r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            return new Reply(r.statusCode(), headers, r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The scrape at {@code /metrics} over TCP, as Prometheus takes it, as series (name and labels) → value. */
    public static Map<String, Double> scrape(TestServer server) throws IOException {
        Reply r = getOverTcp(server, "/metrics", null);
        if (r.status() != 200) {
            throw new AssertionError("/metrics answered " + r.status() + ": " + r.body());
        }
        return parse(r.body());
    }

    public static Map<String, Double> parse(String prometheusText) {
        Map<String, Double> series = new HashMap<>();
        for (String line : prometheusText.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return series;
    }

    /** An HTTP/1.1 response read to the end of the connection (the request asked it to close). */
    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] raw = all.toByteArray();
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete HTTP response (" + raw.length + " bytes)");
        }
        String[] head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
        }
        return new Reply(status, headers, Arrays.copyOfRange(raw, end + 4, raw.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
