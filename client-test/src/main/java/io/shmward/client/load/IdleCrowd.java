package io.shmward.client.load;

import io.shmward.client.ShmScene;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link LoadMode#IDLE}: all clients on one thread. Each is set up in turn, then the crowd is held for the
 * warm-up and the measured time, the thread sweeping every connection now and then for what arrived (the
 * pings {@link VisibleSurface} answers), so no client is dropped for silence; a final round trip each counts
 * the clients still served, the run's operations.
 */
final class IdleCrowd {
    /** How often the held connections are swept: well within the server's ping timeout (10 s by default). */
    private static final long SWEEP_NANOS = Duration.ofMillis(500).toNanos();

    private final List<WaylandClient> clients = new ArrayList<>();
    private final Failures failures = new Failures();
    private long lastSweep = System.nanoTime();

    private IdleCrowd() {
    }

    static LoadResult run(LoadSettings settings, String target, Consumer<String> progress) throws InterruptedException {
        IdleCrowd crowd = new IdleCrowd();
        try {
            for (int i = 0; i < settings.clients(); i++) {
                crowd.setUp(settings);
                crowd.sweepIfDue();
            }
            progress.accept(crowd.clients.size() + " idle clients set up");
            long end = System.nanoTime() + settings.warmup().toNanos() + settings.duration().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(SWEEP_NANOS, end - System.nanoTime()) / 1_000_000));
                crowd.sweepIfDue();
            }
            long served = crowd.finish();
            return new LoadResult(settings, target, served, settings.duration().toNanos() / 1e9,
                    LoadResult.histogram(), crowd.failures);
        } finally {
            crowd.closeAll();
        }
    }

    private void setUp(LoadSettings settings) {
        WaylandClient client = null;
        try {
            client = WaylandClient.connect(settings.socket());
            VisibleSurface.create(ShmScene.on(client), VisibleSurface.RoleChoice.AUTO, LoadGenerator.OPERATION_TIMEOUT);
            clients.add(client);
        } catch (IOException | RuntimeException e) {
            failures.add(e);
            closeQuietly(client);
        }
    }

    private void sweepIfDue() {
        if (System.nanoTime() - lastSweep < SWEEP_NANOS) {
            return;
        }
        for (WaylandClient c : clients) {
            try {
                c.dispatchAvailable();
            } catch (IOException | RuntimeException e) {
                // seen again, and counted, by the round trip at the end
            }
        }
        lastSweep = System.nanoTime();
    }

    /** A round trip on each connection; returns the clients still served. */
    private long finish() {
        long served = 0;
        for (WaylandClient c : clients) {
            try {
                c.roundtrip(LoadGenerator.OPERATION_TIMEOUT);
                served++;
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        return served;
    }

    private void closeAll() {
        clients.forEach(IdleCrowd::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(WaylandClient c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing our end of a socket; nothing to report
        }
    }
}
