package io.shmward.cli;

import io.shmward.server.ShmwardServer;
import io.shmward.server.config.ShmwardConfig;
import io.shmward.server.png.LastFrames;
import io.shmward.server.png.PngEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shmward run [options] -- COMMAND ARGS…}: xvfb-run for Wayland. Starts a server on a fresh socket in
 * a private runtime directory, runs the command with {@code WAYLAND_DISPLAY} and {@code XDG_RUNTIME_DIR}
 * pointing at it, optionally writes a PNG of each toplevel window's last mapped content (composed with its
 * sub-surfaces) when it exits, stops the server and exits with the command's code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run COMMAND against a fresh Shmward (like xvfb-run) and exit with its exit code.",
                "The server's own messages go to stderr; the command's output is its own. The admin endpoint "
                        + "takes a free port unless --admin says otherwise."})
final class RunCommand implements Callable<Integer> {
    /** What a shell answers for a command it cannot start. */
    static final int CANNOT_START = 127;
    /** How long to let the server see the command's clients leave before taking the pictures. */
    private static final long CLIENTS_GONE_MILLIS = 2000;

    @Mixin
    ServeOptions options = new ServeOptions();

    @Option(names = "--snapshot-dir", paramLabel = "DIR",
            description = "When COMMAND exits, write a PNG of each toplevel window's last mapped content here, "
                    + "composed with its sub-surfaces (windows already unmapped or destroyed included).")
    Path snapshotDir;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Path runtimeDir = Files.createTempDirectory("shmward-run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            ShmwardConfig config = options.resolve();
            if (options.socket == null) {
                config = config.withSocket(runtimeDir.resolve("wayland-0").toString());
            }
            if (options.admin == null) {
                config = config.withAdmin(config.admin().withEndpoint(config.admin().enabled(), config.admin().bind(), 0));
            }
            try (ShmwardServer server = ShmwardServer.start(config)) {
                return runAgainst(server, err);
            }
        } finally {
            deleteTree(runtimeDir);
        }
    }

    private int runAgainst(ShmwardServer server, PrintStream err) throws IOException, InterruptedException {
        LastFrames frames = new LastFrames(server.shell());
        if (snapshotDir != null) {
            server.onLoop(() -> {
                server.compositor().listen(frames);
                return null;
            });
        }
        Path socket = server.place().socket();
        err.println("shmward run: serving on " + socket + "; admin endpoint " + server.adminUrl().orElse("off")
                + server.admin().map(a -> ", full API on " + a.unixSocket()).orElse(""));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("WAYLAND_DISPLAY", socket.getFileName().toString());
        env.put("XDG_RUNTIME_DIR", socket.getParent().toString());
        env.remove("WAYLAND_SOCKET");
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            err.println("shmward run: cannot start " + command.getFirst() + ": " + e.getMessage());
            return CANNOT_START;
        }
        Thread stopChild = new Thread(child::destroy, "shmward-run-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild); // shmward killed: do not leave the command behind
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting already; the hook has done its job
        }
        if (snapshotDir != null) {
            writeSnapshots(server, frames, err);
        }
        return code;
    }

    private void writeSnapshots(ShmwardServer server, LastFrames frames, PrintStream err)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CLIENTS_GONE_MILLIS * 1_000_000;
        while (!server.onLoop(() -> server.display().clients().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<LastFrames.Frame> collected = server.onLoop(() -> frames.collect(server.compositor()));
        Files.createDirectories(snapshotDir);
        for (LastFrames.Frame f : collected) {
            String name = safe(f.appId() != null ? f.appId() : f.command()) + "-" + f.pid() + "-surface-"
                    + f.surfaceId() + ".png";
            String unsupported = f.image().layers().stream().map(l -> l.image().format())
                    .filter(format -> !PngEncoder.supports(format)).findFirst().orElse(null);
            if (unsupported != null) {
                err.println("shmward run: window " + f.surfaceId() + " shows " + unsupported
                        + ", which has no PNG conversion; skipped");
                continue;
            }
            Files.write(snapshotDir.resolve(name), PngEncoder.encode(f.image()));
            err.println("shmward run: wrote " + snapshotDir.resolve(name));
        }
        if (collected.isEmpty()) {
            err.println("shmward run: no toplevel window showed any content; no snapshot written");
        }
    }

    /** A command name fit for a file name. */
    private static String safe(String command) {
        String s = command.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "client" + s : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
