package io.shmward.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.Message;
import io.shmward.server.compositor.CompositorEvents;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.fd.FdCloser;
import io.shmward.server.shm.ReadFailure;
import io.shmward.server.shm.ReadOutcome;
import io.shmward.server.shm.ShmEvents;
import io.shmward.server.shm.TruncationReaction;
import io.shmward.server.transport.TransportObserver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Every Shmward meter, and the JVM's and the process's. Updated on the event loop; meters are thread-safe
 * and gauges read atomics, so a scrape or a {@link #summary()} from another thread is safe.
 */
public final class ShmwardMetrics implements CoreObserver, ShmEvents, TransportObserver, CompositorEvents,
        AutoCloseable {
    private static final String PROTOCOL_ERRORS = "shmward.protocol.errors";
    private static final String FDS_CLOSED = "shmward.fds.closed";
    /** The one place truncations are detected today: a read that came back short. */
    private static final String SHORT_READ = "short-read";
    private static final double[] PERCENTILES = {0.5, 0.99, 0.999};
    /** One request in this many (a power of two) has its dispatch time recorded. */

    private final MeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private final Counter connectionsAccepted;
    private final AtomicLong connectionsOpen = new AtomicLong();
    private final Map<String, LoopCounter> requestsByInterface = new ConcurrentHashMap<>();
    private final Map<String, LoopCounter> eventsByInterface = new ConcurrentHashMap<>();
    private final Timer dispatchTime;
    private final Counter fdsReceived;
    private final Counter fdsClosedByTransport;
    private final Counter fdsClosedAfterRequest;
    private final Counter fdsClosedByShm;
    private final Counter acceptsRefused;

    private final AtomicLong poolsLive = new AtomicLong();
    private final AtomicLong bytesMapped = new AtomicLong();
    private final AtomicLong buffersLive = new AtomicLong();
    private final Counter zeroFilledBytes;
    private final LoopCounter consumedBytes = new LoopCounter();
    private final Timer consumeTime;

    private final LoopCounter commits = new LoopCounter();
    private final Counter buffersReleasedUnread;
    private final Map<String, Counter> adminRequests = new ConcurrentHashMap<>();

    public ShmwardMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.config().meterFilter(PrometheusNames.FILTER);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        PrometheusNames.registerProcessCpuSeconds(registry);

        connectionsAccepted = Counter.builder("shmward.connections.accepted")
                .description("Client connections accepted").register(registry);
        Gauge.builder("shmward.connections.open", connectionsOpen, AtomicLong::get)
                .description("Client connections open now").register(registry);
        for (DisconnectReason r : DisconnectReason.values()) {
            closed(r); // every reason shows from the start, at zero, so rates work before the first event
        }
        dispatchTime = Timer.builder("shmward.request.dispatch")
                .description("Time to dispatch one request, handler included (one request in 16, sampled)")
                .publishPercentiles(PERCENTILES).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
        publishPercentiles(dispatchTime, "shmward.request.dispatch.percentile");
        fdsReceived = Counter.builder("shmward.fds.received")
                .description("File descriptors received from clients").register(registry);
        fdsClosedByTransport = fdsClosed("transport");
        fdsClosedAfterRequest = fdsClosed("request");
        fdsClosedByShm = fdsClosed("shm");
        acceptsRefused = Counter.builder("shmward.accepts.refused").tag("reason", "fd-limit")
                .description("Connections left waiting in the backlog because the process was out of fds")
                .register(registry);

        Gauge.builder("shmward.shm.pools.live", poolsLive, AtomicLong::get)
                .description("Pool memories held (a destroyed pool's lives on while its buffers do)").register(registry);
        Gauge.builder("shmward.shm.mapped", bytesMapped, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of client pools mapped (sealed memfds only)").register(registry);
        Gauge.builder("shmward.shm.buffers.live", buffersLive, AtomicLong::get)
                .description("wl_buffer objects alive").register(registry);
        zeroFilledBytes = Counter.builder("shmward.shm.zero.filled").baseUnit("bytes")
                .description("Bytes served as zeros because the client's file was shorter than its buffer")
                .register(registry);
        FunctionCounter.builder("shmward.shm.consumed", consumedBytes, LoopCounter::read).baseUnit("bytes")
                .description("Bytes of buffer contents copied out of pools").register(registry);
        consumeTime = Timer.builder("shmward.shm.consume")
                .description("Time to copy one damaged region of a buffer out of its pool (one read in 16, sampled)")
                .publishPercentiles(PERCENTILES).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
        publishPercentiles(consumeTime, "shmward.shm.consume.percentile");
        for (boolean sealed : new boolean[] {true, false}) {
            poolsCreated(sealed);
        }
        for (TruncationReaction reaction : TruncationReaction.values()) {
            truncations(reaction);
        }

        internalErrors("error");
        internalErrors("exception");
        FunctionCounter.builder("shmward.commits", commits, LoopCounter::read)
                .description("wl_surface commits that took effect").register(registry);
        buffersReleasedUnread = Counter.builder("shmward.buffers.released.unread")
                .description("wl_buffers released without being read: replaced before the output's frame read them "
                        + "(output.consume: on-frame)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The closers' quarantine: fds waiting for a close that may block, and closes that did. */
    public void watch(FdCloser closer) {
        Gauge.builder("shmward.fds.quarantined", closer, FdCloser::quarantined)
                .description("Client fds that are not shmem files waiting for their close on the closer threads")
                .register(registry);
        Gauge.builder("shmward.fd.close.stuck", closer, FdCloser::currentCloseSeconds).baseUnit("seconds")
                .description("How long the longest close in progress has taken (0: none); an fd stuck in close")
                .register(registry);
        FunctionCounter.builder("shmward.fd.closes.slow", closer, FdCloser::slowCloses)
                .description("Closes of client fds that took longer than the fd operation time limit")
                .register(registry);
    }

    /** The headline numbers, for the status page. */
    public MetricsSummary summary() {
        Map<String, Long> closedByReason = new LinkedHashMap<>();
        for (DisconnectReason r : DisconnectReason.values()) {
            closedByReason.put(r.tag(), (long) closed(r).count());
        }
        Map<String, Long> truncationsByReaction = new LinkedHashMap<>();
        for (TruncationReaction reaction : TruncationReaction.values()) {
            truncationsByReaction.put(reaction.configName(), (long) truncations(reaction).count());
        }
        return new MetricsSummary(
                (long) connectionsAccepted.count(), connectionsOpen.get(), closedByReason,
                sum(requestsByInterface.values(), LoopCounter::read), sum(eventsByInterface.values(), LoopCounter::read),
                sum(registry.find(PROTOCOL_ERRORS).counters(), Counter::count), truncationsByReaction,
                (long) zeroFilledBytes.count(), bytesMapped.get(), poolsLive.get(), buffersLive.get(),
                (long) commits.read(), (long) consumedBytes.read(),
                (long) fdsReceived.count(), sum(registry.find(FDS_CLOSED).counters(), Counter::count));
    }

    /** Counts one request to the admin endpoint; {@code route} is one of the endpoint's fixed route names. */
    public void adminRequest(String route) {
        adminRequests.computeIfAbsent(route, r -> Counter.builder("shmward.admin.requests").tag("route", r)
                .description("Requests served by the admin HTTP endpoint, by route").register(registry)).increment();
    }

    @Override
    public void close() {
        gcMetrics.close(); // it listens to the JVM's GC notifications until told to stop
    }

    // ---- core

    @Override
    public void clientConnected(Client client) {
        connectionsAccepted.increment();
        connectionsOpen.incrementAndGet();
    }

    @Override
    public void clientDisconnected(Client client, DisconnectReason reason) {
        connectionsOpen.decrementAndGet();
        closed(reason).increment();
    }

    /** Counts every request; records the time of those the core timed (one in {@link Client#TIMED_EVERY}). */
    @Override
    public void requestDispatched(Client client, MessageSpec request, long nanos) {
        byInterface(requestsByInterface, "shmward.requests", "Requests dispatched, by interface",
                request.interfaceName()).increment();
        if (nanos != CoreObserver.UNTIMED) {
            dispatchTime.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void eventSent(Client client, MessageSpec event) {
        byInterface(eventsByInterface, "shmward.events", "Events sent, by interface",
                event.interfaceName()).increment();
    }

    @Override
    public void protocolErrorPosted(Client client, ProtocolError error) {
        Counter.builder(PROTOCOL_ERRORS)
                .tag("interface", error.objectInterface().name()).tag("code", error.codeName())
                .description("Protocol errors posted to clients, by the object's interface and the error code")
                .register(registry).increment();
    }

    @Override
    public void unclaimedFdsClosed(Client client, int count) {
        fdsClosedAfterRequest.increment(count);
    }

    @Override
    public void internalError(Client client, Throwable error) {
        internalErrors(error instanceof Error ? "error" : "exception").increment();
    }

    /** kind=error: a java.lang.Error (a fault in an unsafe access, a stack overflow, out of memory); kind=exception: any other. */
    private Counter internalErrors(String kind) {
        return Counter.builder("shmward.internal.errors").tag("kind", kind)
                .description("Bugs of ours and Errors met while serving a client (each cost that client its connection)")
                .register(registry);
    }

    private Counter closed(DisconnectReason reason) {
        return Counter.builder("shmward.connections.closed").tag("reason", reason.tag())
                .description("Client connections closed, by reason").register(registry);
    }

    // ---- transport

    @Override
    public void fdReceived() {
        fdsReceived.increment();
    }

    @Override
    public void fdClosed() {
        fdsClosedByTransport.increment();
    }

    @Override
    public void acceptRefusedForFds() {
        acceptsRefused.increment();
    }

    /**
     * by=transport: never taken by a request (queue overflow, or still queued at disconnect);
     * by=request: carried by a request whose handler did not keep it; by=shm: a pool's fd, at the pool's
     * release or a refused create_pool.
     */
    private Counter fdsClosed(String by) {
        return Counter.builder(FDS_CLOSED).tag("by", by)
                .description("File descriptors received from clients and closed since, by who closed them")
                .register(registry);
    }

    // ---- shm

    @Override
    public void poolOpened(boolean sealed) {
        poolsLive.incrementAndGet();
        poolsCreated(sealed).increment();
    }

    @Override
    public void poolClosed() {
        poolsLive.decrementAndGet();
        fdsClosedByShm.increment();
    }

    @Override
    public void poolFdRefused() {
        fdsClosedByShm.increment();
    }

    @Override
    public void mapped(long bytes) {
        bytesMapped.addAndGet(bytes);
    }

    @Override
    public void unmapped(long bytes) {
        bytesMapped.addAndGet(-bytes);
    }

    @Override
    public void resized(boolean remapped, boolean demoted) {
        String path = demoted ? "demoted" : remapped ? "remapped" : "pread";
        Counter.builder("shmward.shm.pool.resizes").tag("path", path)
                .description("Pool resizes: remapped (sealed), pread (unsealed), demoted (sealed file smaller than the pool)")
                .register(registry).increment();
    }

    @Override
    public void bufferCreated() {
        buffersLive.incrementAndGet();
    }

    @Override
    public void bufferDestroyed() {
        buffersLive.decrementAndGet();
    }

    @Override
    public void consumed(long bytes, long nanos) {
        consumedBytes.add(bytes);
        if (nanos != ShmEvents.UNTIMED) {
            consumeTime.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void readFailed(ReadFailure failure) {
        if (failure.failure() == ReadOutcome.Failure.TRUNCATED) {
            if (failure.newEvent()) {
                truncations(failure.reaction()).increment();
            }
        } else {
            Counter.builder("shmward.shm.read.errors").tag("reaction", failure.reaction().configName())
                    .description("Pool reads that failed with an I/O error (not truncations)").register(registry).increment();
        }
        zeroFilledBytes.increment(failure.zeroFilled());
    }

    private Counter poolsCreated(boolean sealed) {
        // not "pools.created": Prometheus reserves the _created suffix and the registry would strip it
        return Counter.builder("shmward.shm.pools.opened").tag("sealed", Boolean.toString(sealed))
                .description("Pools opened; sealed=true are shrink-sealed memfds read through a mapping")
                .register(registry);
    }

    private Counter truncations(TruncationReaction reaction) {
        return Counter.builder("shmward.shm.truncations").tag("detection", SHORT_READ)
                .tag("reaction", reaction.configName())
                .description("Reads that found the client's pool file shorter than its buffer")
                .register(registry);
    }

    // ---- compositor

    @Override
    public void committed(SurfaceResource surface) {
        commits.increment();
    }

    @Override
    public void bufferReleasedUnread() {
        buffersReleasedUnread.increment();
    }

    /**
     * The timer's percentiles (over Micrometer's sliding window) as gauges tagged by quantile. The
     * Prometheus registry renders a timer with a histogram as buckets only, dropping client-side
     * percentiles; these gauges publish them anyway, for readers without histogram_quantile.
     */
    private void publishPercentiles(Timer timer, String name) {
        for (double q : PERCENTILES) {
            Gauge.builder(name, timer, t -> percentile(t, q)).tag("percentile", Double.toString(q)).baseUnit("seconds")
                    .description("Percentiles of " + timer.getId().getName() + " over the last minutes (a gauge per percentile: the label quantile is reserved for summaries)")
                    .register(registry);
        }
    }

    private static double percentile(Timer timer, double q) {
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == q) {
                return v.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    /** The loop's count of {@code name} for interface {@code iface}, registered on first use. */
    private LoopCounter byInterface(Map<String, LoopCounter> counters, String name, String description, String iface) {
        LoopCounter c = counters.get(iface);
        if (c == null) {
            c = counters.computeIfAbsent(iface, i -> {
                LoopCounter fresh = new LoopCounter();
                FunctionCounter.builder(name, fresh, LoopCounter::read).tag("interface", i).description(description)
                        .register(registry);
                return fresh;
            });
        }
        return c;
    }

    private static <T> long sum(Iterable<T> meters, ToDoubleFunction<T> count) {
        double total = 0;
        for (T m : meters) {
            total += count.applyAsDouble(m);
        }
        return Math.round(total);
    }
}
