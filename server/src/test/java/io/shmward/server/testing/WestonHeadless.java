package io.shmward.server.testing;

import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Weston's headless backend on a private socket, for comparing Shmward with the reference compositor:
 * {@code weston --backend=headless-backend.so --socket=NAME} with XDG_RUNTIME_DIR a fresh 0700 directory,
 * its log in that directory. Restartable, for attacks that kill it.
 */
public final class WestonHeadless implements AutoCloseable {
    private static final String SOCKET = "wayland-weston";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path program;
    private final Path runtimeDir;
    private Process process;

    private WestonHeadless(Path program, Path runtimeDir) {
        this.program = program;
        this.runtimeDir = runtimeDir;
    }

    /** Starts Weston (skips the test when it is not installed, fails under CI) and waits until it answers. */
    public static WestonHeadless start() throws IOException {
        Path program = DebianTool.require("weston", "weston");
        Path dir = Files.createTempDirectory("shmward-weston-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        WestonHeadless weston = new WestonHeadless(program, dir);
        weston.launch();
        return weston;
    }

    public Path socket() {
        return runtimeDir.resolve(SOCKET);
    }

    public Path runtimeDir() {
        return runtimeDir;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code weston --version}, e.g. "weston 10.0.1". */
    public String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    /** Starts Weston again (after an attack killed it) and waits until it answers. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    private void launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(program.toString(), "--backend=headless-backend.so",
                "--socket=" + SOCKET, "--idle-time=0", "--no-config");
        pb.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(runtimeDir.resolve("weston.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("weston exited with " + process.exitValue() + "; see " + runtimeDir.resolve("weston.log"));
            }
            try (WaylandClient c = WaylandClient.connect(socket())) {
                c.roundtrip(Duration.ofSeconds(5));
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IOException("weston did not answer on " + socket() + " within " + START_TIMEOUT);
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(runtimeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
