package io.shmward.client.attack;

import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second client that round-trips every 20 ms on its own thread while an attack runs, keeping its slowest
 * round trip and whether one failed: how much an attacker's work costs everybody else.
 */
final class BystanderProbe implements AutoCloseable {
    /** The slowest round trip a bystander should ever see, attack or not. */
    static final long BOUND_MILLIS = 1000;
    static final String EXPECTATION = "the bystander answered every round trip within 1 s";

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;

    BystanderProbe(AttackContext ctx) throws IOException {
        WaylandClient bystander = ctx.connect();
        bystander.roundtrip(AttackContext.ANSWER);
        thread = Thread.ofPlatform().daemon().name("bystander-probe").start(() -> probe(bystander));
    }

    private void probe(WaylandClient bystander) {
        while (!stop.get()) {
            long start = System.nanoTime();
            try {
                bystander.roundtrip(AttackContext.ANSWER);
                slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                Thread.sleep(20);
            } catch (IOException e) {
                failures.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops probing and adds what it saw to {@code o}. */
    Observation stopAndReport(Observation o) throws InterruptedException {
        close();
        return o.measure("bystander-slowest-ms", slowestNanos.get() / 1_000_000).measure("bystander-failures", failures.get());
    }

    /** True when the probe saw no failure and no round trip slower than {@link #BOUND_MILLIS}. */
    static boolean keptUp(Observation o) {
        Long slowest = o.measured("bystander-slowest-ms");
        Long failed = o.measured("bystander-failures");
        return slowest != null && failed != null && failed == 0 && slowest < BOUND_MILLIS;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }
}
