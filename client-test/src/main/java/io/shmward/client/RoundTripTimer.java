package io.shmward.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that round-trips every 20 ms on its own thread, keeping its slowest round trip and whether one
 * failed: how long everybody else waited while something else went on. The caller keeps the connection.
 */
public final class RoundTripTimer implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final Thread thread;

    private RoundTripTimer(WaylandClient client, Duration answer) {
        thread = Thread.ofPlatform().daemon().name("round-trip-timer").start(() -> probe(client, answer));
    }

    /** Starts timing {@code client}'s round trips, each waited for at most {@code answer}. */
    public static RoundTripTimer start(WaylandClient client, Duration answer) throws IOException {
        client.roundtrip(answer);
        return new RoundTripTimer(client, answer);
    }

    private void probe(WaylandClient client, Duration answer) {
        while (!stop.get()) {
            long start = System.nanoTime();
            try {
                client.roundtrip(answer);
                slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                answered.incrementAndGet();
                Thread.sleep(20);
            } catch (IOException e) {
                slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                failures.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The slowest round trip so far (a failed one counts with the time it took to fail). */
    public Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    /** Round trips answered. */
    public long answered() {
        return answered.get();
    }

    /** Round trips that failed: not answered in time, or the connection lost. */
    public long failures() {
        return failures.get();
    }

    /** Stops timing; the figures stay readable. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }
}
