package io.shmward.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.shm.ReadOutcome;
import io.shmward.server.shm.ShmEvents;
import io.shmward.server.shm.TruncationReaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Every Shmward meter. Updated on the event loop; gauges read atomics so a scrape from another thread is safe. */
public final class ShmwardMetrics implements CoreObserver, ShmEvents {
    private final MeterRegistry registry;

    private final Counter connectionsAccepted;
    private final AtomicLong connectionsOpen = new AtomicLong();
    private final Map<String, Counter> requestsByInterface = new HashMap<>();
    private final Map<String, Counter> eventsByInterface = new HashMap<>();
    private final Timer dispatchTime;

    private final AtomicLong poolsLive = new AtomicLong();
    private final AtomicLong bytesMapped = new AtomicLong();
    private final AtomicLong buffersLive = new AtomicLong();
    private final Counter zeroFilledBytes;
    private final Counter consumedBytes;
    private final Timer consumeTime;

    public ShmwardMetrics(MeterRegistry registry) {
        this.registry = registry;
        connectionsAccepted = Counter.builder("shmward.connections.accepted")
                .description("Client connections accepted").register(registry);
        Gauge.builder("shmward.connections.open", connectionsOpen, AtomicLong::get)
                .description("Client connections open now").register(registry);
        for (DisconnectReason r : DisconnectReason.values()) {
            closed(r); // every reason shows from the start, at zero, so rates work before the first event
        }
        dispatchTime = Timer.builder("shmward.request.dispatch")
                .description("Time to dispatch one request, handler included")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
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
        consumedBytes = Counter.builder("shmward.shm.consumed").baseUnit("bytes")
                .description("Bytes of buffer contents copied out of pools").register(registry);
        consumeTime = Timer.builder("shmward.shm.consume")
                .description("Time to copy one damaged region of a buffer out of its pool")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
        for (boolean sealed : new boolean[] {true, false}) {
            poolsCreated(sealed);
        }
        for (TruncationReaction reaction : TruncationReaction.values()) {
            truncations("short-read", reaction);
        }
    }

    public MeterRegistry registry() {
        return registry;
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

    @Override
    public void requestDispatched(Client client, Message request, long nanos) {
        requestsByInterface.computeIfAbsent(request.spec().interfaceName(),
                iface -> Counter.builder("shmward.requests").tag("interface", iface)
                        .description("Requests dispatched, by interface").register(registry)).increment();
        dispatchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void eventSent(Client client, Message event) {
        eventsByInterface.computeIfAbsent(event.spec().interfaceName(),
                iface -> Counter.builder("shmward.events").tag("interface", iface)
                        .description("Events sent, by interface").register(registry)).increment();
    }

    @Override
    public void protocolErrorPosted(Client client, ProtocolError error) {
        Counter.builder("shmward.protocol.errors")
                .tag("interface", error.objectInterface().name()).tag("code", error.codeName())
                .description("Protocol errors posted to clients, by the object's interface and the error code")
                .register(registry).increment();
    }

    private Counter closed(DisconnectReason reason) {
        return Counter.builder("shmward.connections.closed").tag("reason", reason.tag())
                .description("Client connections closed, by reason").register(registry);
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
        consumedBytes.increment(bytes);
        consumeTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void readFailed(ReadOutcome.Failure failure, TruncationReaction reaction, long zeroFilled,
                           boolean newEvent) {
        if (failure == ReadOutcome.Failure.TRUNCATED) {
            if (newEvent) {
                truncations("short-read", reaction).increment();
            }
        } else {
            Counter.builder("shmward.shm.read.errors").tag("reaction", reaction.configName())
                    .description("Pool reads that failed with an I/O error (not truncations)").register(registry).increment();
        }
        zeroFilledBytes.increment(zeroFilled);
    }

    private Counter poolsCreated(boolean sealed) {
        return Counter.builder("shmward.shm.pools.created").tag("sealed", Boolean.toString(sealed))
                .description("Pools created; sealed=true are shrink-sealed memfds read through a mapping")
                .register(registry);
    }

    private Counter truncations(String detection, TruncationReaction reaction) {
        return Counter.builder("shmward.shm.truncations").tag("detection", detection)
                .tag("reaction", reaction.configName())
                .description("Reads that found the client's pool file shorter than its buffer")
                .register(registry);
    }
}
