package io.shmward.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** GETs against a test server's admin endpoint, and Prometheus text parsed into series → value. */
public final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminHttp() {
    }

    public static String baseUrl(TestServer server) {
        return server.server().adminUrl().orElseThrow(() -> new AssertionError("the admin endpoint is off"));
    }

    public static HttpResponse<String> get(TestServer server, String path) throws IOException {
        return send(server, path, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> getBytes(TestServer server, String path) throws IOException {
        return send(server, path, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The scrape at {@code /metrics} as series (name and labels exactly as rendered) → value. */
    public static Map<String, Double> scrape(TestServer server) throws IOException {
        HttpResponse<String> r = get(server, "/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
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

    private static <T> HttpResponse<T> send(TestServer server, String path, HttpResponse.BodyHandler<T> body)
            throws IOException {
        String base = baseUrl(server);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - 1) + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
