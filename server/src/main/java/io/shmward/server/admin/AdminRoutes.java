package io.shmward.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shmward.server.eventlog.EventJournal;
import io.shmward.server.eventlog.EventJsonLines;
import io.shmward.server.eventlog.LoggedEvent;
import io.shmward.server.metrics.ShmwardMetrics;
import io.shmward.server.png.PixelImage;
import io.shmward.server.png.PngEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each admin path answers. Pure request → response; the Netty side is {@link AdminHandler}. Work that
 * needs protocol state goes through {@link ProtocolView}; the rest (metrics, the event journal) is
 * thread-safe and answered on the admin thread.
 */
public final class AdminRoutes {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    /** The two exposition formats; the Prometheus registry picks its writer by these content types. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final Pattern SNAPSHOT = Pattern.compile("/api/surfaces/(\\d{1,18})/snapshot\\.png");
    /** Latest events the status endpoint returns, per type. */
    private static final int STATUS_EVENTS = 20;
    /** Field names in snake_case, as in the event log and Prometheus. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** One answer: status, content type, body. */
    public record Response(int status, String contentType, byte[] body) {
        static Response text(int status, String text) {
            return new Response(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private final ShmwardMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private final EventJournal journal;
    private final ProtocolView view;
    private final byte[] statusPage;

    public AdminRoutes(ShmwardMetrics metrics, PrometheusMeterRegistry registry, EventJournal journal,
                       ProtocolView view) {
        this.metrics = metrics;
        this.registry = registry;
        this.journal = journal;
        this.view = view;
        this.statusPage = resource("status.html");
    }

    /**
     * Answers {@code GET path} ({@code accept}: the request's Accept header, or null). Serializing and
     * encoding run on {@code adminThread}, never on the protocol loop that supplied the data.
     */
    public CompletableFuture<Response> get(String path, String accept, Executor adminThread) {
        Matcher snapshot = SNAPSHOT.matcher(path);
        String route = switch (path) {
            case "/" -> "page";
            case "/metrics" -> "metrics";
            case "/api/status" -> "status";
            case "/api/clients" -> "clients";
            case "/api/surfaces" -> "surfaces";
            default -> snapshot.matches() ? "snapshot" : "not-found";
        };
        metrics.adminRequest(route);
        return switch (route) {
            case "page" -> CompletableFuture.completedFuture(new Response(200, "text/html; charset=utf-8", statusPage));
            case "metrics" -> CompletableFuture.completedFuture(scrape(accept));
            case "status" -> view.counts().thenApplyAsync(this::status, adminThread);
            case "clients" -> view.clients().thenApplyAsync(AdminRoutes::json, adminThread);
            case "surfaces" -> view.surfaces().thenApplyAsync(AdminRoutes::json, adminThread);
            case "snapshot" -> view.snapshot(Long.parseLong(snapshot.group(1)))
                    .thenApplyAsync(image -> png(Long.parseLong(snapshot.group(1)), image), adminThread);
            default -> CompletableFuture.completedFuture(Response.text(404, "no such page: " + path
                    + "\ntry /, /metrics, /api/status, /api/clients, /api/surfaces, /api/surfaces/{id}/snapshot.png"));
        };
    }

    /** Prometheus text format 0.0.4, or OpenMetrics when the scraper asks for it. */
    private Response scrape(String accept) {
        String type = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        return new Response(200, type, registry.scrape(type).getBytes(StandardCharsets.UTF_8));
    }

    private Response status(int[] counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.put("clients", counts[0]);
        out.put("surfaces", counts[1]);
        out.put("counters", metrics.summary());
        out.put("truncations", events(LoggedEvent.TRUNCATION));
        out.put("protocol_errors", events(LoggedEvent.PROTOCOL_ERROR));
        return json(out);
    }

    private List<Map<String, Object>> events(String type) {
        return journal.recent(type, STATUS_EVENTS).stream().map(EventJsonLines::toMap).toList();
    }

    private static Response png(long id, Optional<PixelImage> image) {
        if (image.isEmpty()) {
            return Response.text(404, "no surface " + id + " with content");
        }
        if (!PngEncoder.supports(image.get().format())) {
            return Response.text(415, "surface " + id + " shows " + image.get().format()
                    + ", which has no PNG conversion");
        }
        return new Response(200, "image/png", PngEncoder.encode(image.get()));
    }

    static Response json(Object value) {
        try {
            return new Response(200, JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin views are plain records: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e, e);
        }
    }
}
