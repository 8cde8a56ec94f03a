package io.shmward.server;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.server.config.ShmwardConfig;
import io.shmward.server.admin.AdminRoutes;
import io.shmward.server.admin.AdminServer;
import io.shmward.server.admin.ProtocolView;
import io.shmward.server.core.Client;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.Display;
import io.shmward.server.core.OffLoop;
import io.shmward.server.fd.FdCloser;
import io.shmward.server.core.ProtocolTrace;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shmward.server.compositor.Compositor;
import io.shmward.server.compositor.ConsumeTiming;
import io.shmward.server.eventlog.EventJournal;
import io.shmward.server.eventlog.EventLogFile;
import io.shmward.server.compositor.OutputMode;
import io.shmward.server.compositor.seat.Seat;
import io.shmward.server.compositor.xdg.XdgShell;
import io.shmward.server.metrics.ShmwardMetrics;
import io.shmward.server.shm.Shm;
import io.shmward.server.shm.ShmEvents;
import io.shmward.server.shm.ShmFormats;
import io.shmward.server.shm.ShmLimits;
import io.shmward.server.shm.ShmSettings;
import io.shmward.server.shm.TruncationReaction;
import io.shmward.server.transport.SocketPlace;
import io.shmward.server.transport.TransportLimits;
import io.shmward.server.transport.WaylandSocketServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Shmward: socket, event loop, display and the globals of every subsystem. */
public final class ShmwardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShmwardServer.class);
    /**
     * Threads that probe and read client files that are not shmem. Each is busy for one operation, at most
     * the fd time limit for a client that means harm; when all are taken a new operation is refused at once.
     */
    private static final int FD_WORKERS = 32;
    /**
     * Threads that close client fds that are not shmem files, each serving one client's fds at a time: a
     * close stuck on one client's file holds that client's later fds and one thread, never anyone else's
     * fds, until this many clients each have one stuck.
     */
    private static final int FD_CLOSERS = 8;

    private final WaylandSocketServer transport;
    private final Display display;
    private final Compositor compositor;
    private final Seat seat;
    private final XdgShell shell;
    private final ShmwardMetrics metrics;
    private final EventJournal journal;
    private final EventLogFile eventLog;
    private final AdminServer admin;
    private final FdCloser fdCloser;
    private final OffLoop offLoop;

    private ShmwardServer(WaylandSocketServer transport, Subsystems built, ShmwardMetrics metrics,
                          EventJournal journal, EventLogFile eventLog, AdminServer admin, FdCloser fdCloser) {
        this.transport = transport;
        this.fdCloser = fdCloser;
        this.offLoop = built.offLoop();
        this.display = built.display();
        this.compositor = built.compositor();
        this.seat = built.seat();
        this.shell = built.shell();
        this.metrics = metrics;
        this.journal = journal;
        this.eventLog = eventLog;
        this.admin = admin;
    }

    public static ShmwardServer start(ShmwardConfig config) throws IOException {
        return start(config, System.err);
    }

    /** Starts a server whose protocol trace, when switched on, goes to {@code traceOutput}. */
    public static ShmwardServer start(ShmwardConfig config, java.io.PrintStream traceOutput) throws IOException {
        raiseFdLimit();
        ProtocolTrace trace = config.trace() || debugRequestedByEnvironment()
                ? ProtocolTrace.printingTo(traceOutput) : ProtocolTrace.OFF;
        SocketPlace place = SocketPlace.resolve(config.socket(), System.getenv("XDG_RUNTIME_DIR"));
        TransportLimits limits = new TransportLimits(config.limits().fdQueue(), config.limits().totalFdQueue(),
                config.limits().outgoingBytes());
        ShmSettings shmSettings = shmSettings(config.shm());
        ConsumeTiming consumeTiming = ConsumeTiming.fromConfigName(config.output().consume());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShmwardMetrics metrics = new ShmwardMetrics(registry);
        EventLogFile eventLog = config.eventLog().enabled() ? EventLogFile.open(Path.of(config.eventLog().path())) : null;
        EventJournal journal = new EventJournal(Clock.systemUTC(), eventLog != null ? eventLog : event -> { });
        Subsystems[] built = new Subsystems[1];
        Duration fdTimeout = Duration.ofMillis(config.limits().fdTimeoutMs());
        FdCloser fdCloser = FdCloser.start(config.limits().fdQuarantinePerClient(), config.limits().fdQuarantine(),
                fdTimeout.toNanos(), FD_CLOSERS);
        metrics.watch(fdCloser);
        WaylandSocketServer transport;
        try {
            transport = WaylandSocketServer.start(place, limits, fdCloser, metrics, loop -> {
                OffLoop offLoop = new OffLoop(loop, fdTimeout, FD_WORKERS);
                Display display = new Display(trace, CoreObserver.all(metrics, journal), config.limits().objectsPerClient(),
                        config.limits().totalObjects(), config.globals(), offLoop);
                Shm.register(display.globals(), shmSettings, ShmEvents.all(metrics, journal));
                Compositor compositor = Compositor.register(display.globals(), loop, outputMode(config.output()),
                        consumeTiming, config.limits().contentBytesPerClient(), config.limits().totalContentBytes());
                compositor.listen(metrics);
                Seat seat = Seat.register(display.globals());
                XdgShell shell = XdgShell.register(display.globals(), loop, compositor,
                        Duration.ofMillis(config.xdg().pingTimeoutMs()));
                display.globals().checkEveryCapApplied();
                built[0] = new Subsystems(display, compositor, seat, shell, offLoop);
                return display;
            });
        } catch (IOException | RuntimeException e) {
            fdCloser.close();
            closeQuietly(eventLog, metrics);
            throw e;
        }
        AdminServer admin = null;
        if (config.admin().enabled()) {
            try {
                admin = AdminServer.start(Path.of(place.socket() + ".admin"), config.admin().bind(), config.admin().port(),
                        config.admin().apiOverTcp(), config.admin().token(), new AdminRoutes(metrics, registry,
                        journal, new ProtocolView(built[0].display(), built[0].compositor(), built[0].shell(),
                        transport.eventLoop())));
            } catch (IOException e) {
                transport.close();
                built[0].offLoop().close();
                fdCloser.close();
                closeQuietly(eventLog, metrics);
                throw e;
            }
        }
        return new ShmwardServer(transport, built[0], metrics, journal, eventLog, admin, fdCloser);
    }

    /** What the event loop builds at start-up, handed back to the caller's thread. */
    private record Subsystems(Display display, Compositor compositor, Seat seat, XdgShell shell, OffLoop offLoop) {
    }

    private static OutputMode outputMode(ShmwardConfig.Output output) {
        return new OutputMode(output.width(), output.height(), (int) Math.round(output.refreshHz() * 1000),
                output.scale());
    }

    private static ShmSettings shmSettings(ShmwardConfig.Shm shm) {
        var l = shm.limits();
        return new ShmSettings(ShmFormats.of(shm.formats()), TruncationReaction.fromConfigName(shm.truncation()),
                new ShmLimits(l.pools(), l.buffers(), l.poolFiles(), l.poolBytes(), l.totalPoolFiles(),
                        l.totalPoolBytes(), l.totalMappedBytes()));
    }

    /** The compositor subsystem; its state is read on the event loop ({@link #onLoop}). */
    public Compositor compositor() {
        return compositor;
    }

    public ShmwardMetrics metrics() {
        return metrics;
    }

    /** The truncations and protocol errors seen lately (thread-safe). */
    public EventJournal journal() {
        return journal;
    }

    /** The admin endpoint's TCP base URL, e.g. {@code http://127.0.0.1:9477/}; empty when it is off. */
    public Optional<String> adminUrl() {
        return Optional.ofNullable(admin).map(AdminServer::url);
    }

    /** The admin endpoint's listeners; empty when it is off. */
    public Optional<AdminServer> admin() {
        return Optional.ofNullable(admin);
    }

    /** The seat and its selection; touch only on the event loop ({@link #onLoop}). */
    public Seat seat() {
        return seat;
    }

    /** Toplevels and focus; touch only on the event loop ({@link #onLoop}). */
    public XdgShell shell() {
        return shell;
    }

    public SocketPlace place() {
        return transport.place();
    }

    /** Runs {@code task} on the event loop that owns protocol state and waits for its result. */
    public <T> T onLoop(Callable<T> task) throws IOException {
        try {
            return transport.eventLoop().submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    public Display display() {
        return display;
    }

    /** Disconnects every client (releasing what they hold), stops the loop, removes the socket. */
    @Override
    public void close() {
        try {
            onLoop(() -> {
                for (Client c : display.clients()) {
                    c.disconnect(DisconnectReason.SERVER_SHUTDOWN);
                }
                return null;
            });
        } catch (IOException e) {
            log.warn("disconnecting clients at shutdown failed: {}", e.toString());
        }
        if (admin != null) {
            admin.close();
        }
        transport.close();
        offLoop.close();
        fdCloser.close();
        closeQuietly(eventLog, metrics);
    }

    /** Stops what outlives the event loop: the event log's writer (after the last event) and the JVM meters. */
    private static void closeQuietly(EventLogFile eventLog, ShmwardMetrics metrics) {
        if (eventLog != null) {
            eventLog.close();
        }
        metrics.close();
    }

    /** WAYLAND_DEBUG=server (or 1), as libwayland-server reads it. */
    private static boolean debugRequestedByEnvironment() {
        String debug = System.getenv("WAYLAND_DEBUG");
        return debug != null && (debug.contains("server") || debug.contains("1"));
    }

    /** Client fds are the server's main resource; take every one the hard limit allows. */
    private static void raiseFdLimit() {
        try {
            log.debug("open-file limit raised to {}", Libc.raiseOpenFileLimit());
        } catch (OsException e) {
            log.warn("could not raise the open-file limit: {}", e.getMessage());
        }
    }
}
