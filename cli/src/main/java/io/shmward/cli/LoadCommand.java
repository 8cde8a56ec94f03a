package io.shmward.cli;

import io.shmward.client.PoolFileKind;
import io.shmward.client.VisibleSurface;
import io.shmward.client.load.LoadGenerator;
import io.shmward.client.load.LoadMode;
import io.shmward.client.load.LoadResult;
import io.shmward.client.load.LoadSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shmward load}: the load generator against any compositor. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Drive a compositor with N clients and report throughput and latency (HdrHistogram).",
                "commit mode: each client keeps two buffers, writes one only after wl_buffer.release, and sends "
                        + "attach + damage_buffer + commit + wl_display.sync in one write; a commit counts when the sync "
                        + "is done. sync mode: wl_display.sync round trips, back to back on a thread per client, or "
                        + "paced with --rate, all clients on one thread. idle mode: clients set up as a real one "
                        + "(registry, wl_compositor, wl_shm, xdg_wm_base, an xdg_toplevel without a buffer) that only "
                        + "answer pings, then a round trip each.",
                "Exit status: 0 when no client failed, 1 otherwise."})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    DisplayOption target = new DisplayOption();

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1", description = "Concurrent clients (default 1).")
    int clients;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "256x256",
            description = "Buffer size in pixels, ARGB8888 (default 256x256).")
    String size;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Measured time (default 10).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "1",
            description = "Time run before measuring starts, not counted (default 1).")
    double warmup;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "commit",
            description = "commit (default), sync or idle.")
    String mode;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "sync mode: round trips per second per client, sent on schedule whether or not the last was "
                    + "answered, latency timed from each one's intended send time; 0 (default): back to back.")
    double rate;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    String report;

    @Option(names = "--roles", paramLabel = "CHOICE", defaultValue = "auto",
            description = "auto (default): xdg_toplevels where xdg_wm_base is offered; none: role-less surfaces.")
    String roles;

    @Option(names = "--pool", paramLabel = "KIND", defaultValue = "sealed",
            description = "sealed (default): memfds with F_SEAL_SHRINK, which Shmward maps; unsealed: plain memfds, "
                    + "which Shmward reads with pread; disk: files in the temporary directory (java.io.tmpdir), "
                    + "which Shmward probes, reads and closes on worker threads.")
    String pool;

    @Spec
    CommandSpec spec;

    /** How the result is printed. */
    enum Report { TEXT, JSON }

    @Override
    public Integer call() throws Exception {
        Report format = Choices.of(spec, Report.class, "--report", report);
        LoadSettings settings;
        try {
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException(size);
            }
            settings = new LoadSettings(target.socket(spec), clients, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                    seconds(seconds), seconds(warmup), Choices.of(spec, LoadMode.class, "--mode", mode),
                    Choices.of(spec, VisibleSurface.RoleChoice.class, "--roles", roles),
                    Choices.of(spec, PoolFileKind.class, "--pool", pool), rate);
        } catch (IllegalArgumentException e) { // a malformed --size, or a count, time or rate out of range
            throw new ParameterException(spec.commandLine(), "--size must look like 256x256, --clients and --seconds "
                    + "be positive, and --rate be 0 or more and given in sync mode only (" + e.getMessage() + ")");
        }
        // on stderr: with a thousand clients, setting up takes seconds, and scripts wait for this line
        LoadResult result = LoadGenerator.run(settings, target.name(spec), line -> System.err.println("load: " + line));
        System.out.print(format == Report.JSON ? result.json() : result.text());
        return result.errors().isEmpty() ? 0 : 1;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
