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
import java.util.concurrent.Semaphore;
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

    /**
     * Snapshots copied and encoded at once, over all admin connections; more wait their turn as a 503. Each
     * takes its pixels and its PNG on the heap.
     */
    static final int CONCURRENT_SNAPSHOTS = 2;
    /** Surfaces larger than this are not encoded: the copy and the PNG would take too much of the 1 GiB heap. */
    static final long MAX_SNAPSHOT_BYTES = 128L << 20;

    private final Semaphore snapshotSlots = new Semaphore(CONCURRENT_SNAPSHOTS);
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
     * Answers {@code GET path} ({@code accept}: the request's Accept header, or null) for a request with
     * {@code access}. Serializing and encoding run on {@code adminThread}, never on the protocol loop that
     * supplied the data.
     */
    CompletableFuture<Response> get(String path, String accept, AdminGate.Access access, AdminGate gate,
                                    Executor adminThread) {
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
        boolean full = access == AdminGate.Access.FULL;
        boolean aggregate = route.equals("page") || route.equals("metrics") || route.equals("status")
                || route.equals("not-found");
        if (!full && !aggregate) {
            return CompletableFuture.completedFuture(access == AdminGate.Access.NEEDS_TOKEN
                    ? Response.text(401, "this needs the admin token: " + gate.whereTheApiIs())
                    : Response.text(403, path + " shows clients and their windows, which this listener does not: "
                            + gate.whereTheApiIs()));
        }
        return switch (route) {
            case "page" -> CompletableFuture.completedFuture(new Response(200, "text/html; charset=utf-8", statusPage));
            case "metrics" -> CompletableFuture.completedFuture(scrape(accept));
            case "status" -> view.counts().thenApplyAsync(counts -> status(counts, full), adminThread);
            case "clients" -> view.clients().thenApplyAsync(AdminRoutes::json, adminThread);
            case "surfaces" -> view.surfaces().thenApplyAsync(AdminRoutes::json, adminThread);
            case "snapshot" -> snapshot(Long.parseLong(snapshot.group(1)), adminThread);
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

    /**
     * Counts and counters; with {@code full} access also the latest events, which name clients (pid,
     * command): the status page shows them only where the full API is served.
     */
    private Response status(int[] counts, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.put("clients", counts[0]);
        out.put("surfaces", counts[1]);
        out.put("counters", metrics.summary());
        out.put("events_shown", full);
        out.put("truncations", full ? events(LoggedEvent.TRUNCATION) : List.of());
        out.put("protocol_errors", full ? events(LoggedEvent.PROTOCOL_ERROR) : List.of());
        return json(out);
    }

    /**
     * A surface's last content as PNG: found and pinned on the protocol loop, copied and encoded on
     * {@code adminThread}; at most {@link #CONCURRENT_SNAPSHOTS} at once, and none above
     * {@link #MAX_SNAPSHOT_BYTES}.
     */
    private CompletableFuture<Response> snapshot(long id, Executor adminThread) {
        if (!snapshotSlots.tryAcquire()) {
            return CompletableFuture.completedFuture(Response.text(503, CONCURRENT_SNAPSHOTS
                    + " snapshots are being encoded; try again in a moment"));
        }
        return view.snapshotSize(id).thenComposeAsync(size -> size > MAX_SNAPSHOT_BYTES
                        ? CompletableFuture.completedFuture(Response.text(413, "surface " + id + " holds " + size
                                + " bytes of pixels; snapshots are encoded up to " + MAX_SNAPSHOT_BYTES))
                        : view.snapshot(id, adminThread).thenApplyAsync(image -> png(id, image), adminThread),
                        adminThread)
                .whenComplete((r, e) -> snapshotSlots.release());
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
