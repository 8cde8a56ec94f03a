package io.shmward.server.testing;

import io.shmward.client.WaylandClient;
import io.shmward.server.ShmwardServer;
import io.shmward.server.config.ConfigLoader;
import io.shmward.server.config.ShmwardConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Shmward on a private socket in a temp directory, for one test class or test. Optional YAML is
 * laid over the built-in defaults exactly as {@code --config} would.
 */
public final class TestServer implements AutoCloseable {
    private final Path dir;
    private final ShmwardServer server;
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    private TestServer(String yaml) throws IOException {
        dir = Files.createTempDirectory("shmward-test-");
        Path config = dir.resolve("shmward.yaml");
        // the admin endpoint on a free port, so test servers never fight over 9477 (a test's own admin: must say
        // port: 0 too, since a key may not repeat)
        String admin = yaml.startsWith("admin:") || yaml.contains("\nadmin:") ? "" : "admin:\n  port: 0\n";
        Files.writeString(config, "socket: " + dir.resolve("wayland-test") + "\n" + admin + yaml);
        ShmwardConfig c = ConfigLoader.load(config);
        server = ShmwardServer.start(c, new PrintStream(trace, true, StandardCharsets.UTF_8));
    }

    public static TestServer start() throws IOException {
        return new TestServer("");
    }

    /** With configuration keys (YAML) over the defaults, e.g. {@code "limits:\n  fd-queue: 16\n"}. */
    public static TestServer start(String yaml) throws IOException {
        return new TestServer(yaml);
    }

    public ShmwardServer server() {
        return server;
    }

    public Path socket() {
        return server.place().socket();
    }

    public Path runtimeDir() {
        return server.place().runtimeDir();
    }

    public WaylandClient connect() throws IOException {
        return WaylandClient.connect(socket());
    }

    /** What the protocol trace printed so far (when the configuration switched it on). */
    public String trace() {
        return trace.toString(StandardCharsets.UTF_8);
    }

    /** Live clients, counted on the event loop. */
    public int clientCount() {
        try {
            return server.onLoop(() -> server.display().clients().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pixels of the newest live surface with client id {@code surfaceId}, as the server last consumed
     * them (stride by height bytes), or null when it has shown nothing.
     */
    public byte[] snapshotPixels(int surfaceId) {
        return inspectSnapshot(surfaceId, pixels -> pixels.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    /**
     * Runs {@code inspection} on the event loop over the live pixels of the newest live surface with client
     * id {@code surfaceId} (null when it has shown nothing), without copying them.
     */
    public <T> T inspectSnapshot(int surfaceId, java.util.function.Function<java.lang.foreign.MemorySegment, T> inspection) {
        try {
            return server.onLoop(() -> {
                var surfaces = server.compositor().surfaces();
                for (int i = surfaces.size() - 1; i >= 0; i--) {
                    var s = surfaces.get(i);
                    if (s.id() == surfaceId) {
                        return inspection.apply(s.snapshot() == null ? null : s.snapshot().pixels());
                    }
                }
                return inspection.apply(null);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of counter or gauge {@code name} with the given tag pairs, 0 when absent. */
    public double meter(String name, String... tags) {
        var search = server.metrics().registry().find(name).tags(tags);
        var counter = search.counter();
        if (counter != null) {
            return counter.count();
        }
        var functionCounter = search.functionCounter();
        if (functionCounter != null) {
            return functionCounter.count();
        }
        var gauge = search.gauge();
        return gauge == null ? 0 : gauge.value();
    }

    /**
     * Waits (up to 5 s) for meter {@code name} to read {@code expected} and returns what it reads last: a
     * client sees the server close its socket a moment before the server has finished tearing it down.
     */
    public double awaitMeter(double expected, String name, String... tags) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        double v = meter(name, tags);
        while (v != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = meter(name, tags);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
