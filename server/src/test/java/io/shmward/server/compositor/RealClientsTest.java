package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.compositor.xdg.ToplevelResource;
import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real clients from Debian (libwayland-client, their own shm code, CSD subsurfaces) run against Shmward
 * without a protocol error: weston's demo clients and the GTK 3 and GTK 4 widget factories (cairo over
 * wl_shm) for 5 s each, foot until its command ends.
 */
class RealClientsTest {
    private static final Duration RUN = Duration.ofSeconds(5);

    private TestServer server;
    private Path output;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        output = Files.createTempFile("shmward-real-client-", ".log");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        Files.deleteIfExists(output);
    }

    @Test
    void westonSimpleShmCommitsFramesForFiveSecondsAndExitsCleanlyOnSigint() throws Exception {
        DebianTool.require("weston-simple-shm", "weston");
        Process p = launch("weston-simple-shm");
        Thread.sleep(RUN.toMillis());
        assertThat(p.isAlive()).as("still running after %s; output:%n%s", RUN, output()).isTrue();

        Window window = onlyWindow();
        assertThat(window.commits).as("commits on its surface in %s", RUN).isGreaterThanOrEqualTo(100);
        assertThat(window.distinctPixels).as("its test pattern, not a uniform snapshot").isGreaterThan(1);

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
        assertThat(p.exitValue()).as("exit status; output:%n%s", output()).isZero();
        assertNoProtocolError();
    }

    @Test
    void westonTerminalRunsForFiveSeconds() throws Exception {
        DebianTool.require("weston-terminal", "weston");
        runsForFiveSeconds(launch("weston-terminal"));
    }

    @Test
    void westonFlowerRunsForFiveSeconds() throws Exception {
        DebianTool.require("weston-flower", "weston");
        runsForFiveSeconds(launch("weston-flower"));
    }

    @Test
    void footRunsItsCommandAndExitsZero() throws Exception {
        DebianTool.require("foot", "foot");
        Process p = launch("foot", "sh", "-c", "echo hello; sleep 2");
        Window window = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            Window seen = mappedWindow();
            if (seen != null) {
                window = seen;
            }
            Thread.sleep(100);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("foot finished; output:%n%s", output()).isTrue();
        assertThat(p.exitValue()).as("exit status; output:%n%s", output()).isZero();
        assertThat(window).as("foot mapped a window").isNotNull();
        assertThat(window.appId).isEqualTo("foot");
        assertThat(window.layers).as("main surface plus CSD subsurfaces").isGreaterThan(1);
        assertThat(window.distinctPixels).as("text and decorations, not a uniform snapshot").isGreaterThan(1);
        assertNoProtocolError();
    }

    @Test
    void gtk3WidgetFactoryDrawsItsWidgetsOverShm() throws Exception {
        widgetFactoryDrawsOverShm("gtk3-widget-factory", "gtk-3-examples");
    }

    /** GTK 4 tries GL first; with no EGL platform here it falls back to its cairo renderer over wl_shm. */
    @Test
    void gtk4WidgetFactoryDrawsItsWidgetsOverShm() throws Exception {
        widgetFactoryDrawsOverShm("gtk4-widget-factory", "gtk-4-examples");
    }

    private void widgetFactoryDrawsOverShm(String program, String debianPackage) throws Exception {
        DebianTool.require(program, debianPackage);
        Process p = launch("env", "GDK_BACKEND=wayland", program);
        Thread.sleep(RUN.toMillis());
        assertThat(p.isAlive()).as("still running after %s; output:%n%s", RUN, output()).isTrue();
        Window window = onlyWindow();
        assertThat(window.appId).isEqualTo(program);
        assertThat(window.distinctPixels).as("its widgets, not a uniform snapshot").isGreaterThan(1);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        assertNoProtocolError();
    }

    @Test
    void gtk3DrawsAtScaleTwoOnAHiDpiOutput() throws Exception {
        DebianTool.require("gtk3-widget-factory", "gtk-3-examples");
        server.close();
        server = TestServer.start("output:\n  scale: 2\n");
        Process p = launch("env", "GDK_BACKEND=wayland", "gtk3-widget-factory");
        Thread.sleep(RUN.toMillis());
        assertThat(p.isAlive()).as("still running after %s; output:%n%s", RUN, output()).isTrue();
        onlyWindow();
        int scale = server.server().onLoop(() -> server.server().shell().toplevels().getFirst().surface().scale());
        assertThat(scale).as("the window's committed buffer scale").isEqualTo(2);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        assertNoProtocolError();
    }

    private void runsForFiveSeconds(Process p) throws Exception {
        Thread.sleep(RUN.toMillis());
        assertThat(p.isAlive()).as("still running after %s; output:%n%s", RUN, output()).isTrue();
        assertThat(onlyWindow().commits).as("it drew").isPositive();
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        assertNoProtocolError();
    }

    /** A client with the test server's socket in its environment, no X display, output to a file. */
    private Process launch(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_SOCKET");
        pb.environment().put("XDG_RUNTIME_DIR", server.runtimeDir().toString());
        pb.environment().put("WAYLAND_DISPLAY", server.socket().toString());
        return pb.start();
    }

    private void assertNoProtocolError() throws IOException {
        String out = output();
        assertThat(out).as("client output").doesNotContainIgnoringCase("protocol error");
        double errors = server.meter("shmward.connections.closed", "reason", "protocol-error");
        assertThat(errors).as("clients dropped for a protocol error; client output:%n%s", out).isZero();
    }

    private String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** What the server holds of a client's window. */
    private record Window(String appId, long commits, int layers, long distinctPixels) {
    }

    private Window onlyWindow() throws IOException {
        Window w = mappedWindow();
        assertThat(w).as("a mapped toplevel").isNotNull();
        return w;
    }

    /** The first mapped toplevel, read on the loop, or null. */
    private Window mappedWindow() throws IOException {
        Object[] seen = server.server().onLoop(() -> {
            for (ToplevelResource t : server.server().shell().toplevels()) {
                SurfaceResource s = t.surface();
                if (t.isMapped() && s.snapshot() != null) {
                    return new Object[] {t.appId(), s.commits(), s.layers().size(), s.snapshot().copyPixels(),
                        s.snapshot().width(), s.snapshot().stride()};
                }
            }
            return null;
        });
        if (seen == null) {
            return null;
        }
        return new Window((String) seen[0], (long) seen[1], (int) seen[2],
                distinctPixels((byte[]) seen[3], (int) seen[4], (int) seen[5]));
    }

    /** How many different colours the image has, counting no further than 2. */
    private static long distinctPixels(byte[] pixels, int width, int stride) {
        ByteBuffer b = ByteBuffer.wrap(pixels).order(ByteOrder.nativeOrder());
        int first = b.getInt(0);
        for (int row = 0; row + 4 <= pixels.length; row += stride) {
            for (int x = 0; x < width; x++) {
                if (b.getInt(row + x * 4) != first) {
                    return 2;
                }
            }
        }
        return 1;
    }
}
