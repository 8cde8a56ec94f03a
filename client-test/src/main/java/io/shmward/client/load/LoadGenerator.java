package io.shmward.client.load;

import io.shmward.client.ClientObject;
import io.shmward.client.ShmScene;
import io.shmward.client.SwapChain;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs {@link LoadSettings#clients()} clients at once, each on its own connection and thread, repeating
 * its {@link LoadMode} operation back to back. All start together once every one is set up; operations
 * that start after the warm-up and complete before the end are counted and their latencies recorded.
 */
public final class LoadGenerator {
    /** A compositor that does not answer an operation within this long fails the client. */
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private LoadGenerator() {
    }

    public static LoadResult run(LoadSettings settings, String targetName) throws InterruptedException {
        int n = settings.clients();
        CountDownLatch setUp = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<LoadClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LoadClient c = new LoadClient(settings, setUp, go);
            clients.add(c);
            threads.add(Thread.ofPlatform().name("load-client-" + i).start(c));
        }
        setUp.await();
        long countFrom = System.nanoTime() + settings.warmup().toNanos();
        long end = countFrom + settings.duration().toNanos();
        clients.forEach(c -> c.window(countFrom, end));
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        long operations = 0;
        List<String> errors = new ArrayList<>();
        for (LoadClient c : clients) {
            all.add(c.latency);
            operations += c.counted;
            if (c.error != null) {
                errors.add(c.error);
            }
        }
        return new LoadResult(settings, targetName, operations, settings.duration().toNanos() / 1e9, all, errors);
    }

    /** One client: set up, wait for the start, then repeat the operation until the window closes. */
    private static final class LoadClient implements Runnable {
        private final LoadSettings settings;
        private final CountDownLatch setUp;
        private final CountDownLatch go;
        private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        private long countFrom;
        private long end;
        private long counted;
        private String error;

        LoadClient(LoadSettings settings, CountDownLatch setUp, CountDownLatch go) {
            this.settings = settings;
            this.setUp = setUp;
            this.go = go;
        }

        /** Set before {@code go} opens, so the latch publishes it to this client's thread. */
        void window(long from, long until) {
            countFrom = from;
            end = until;
        }

        @Override
        public void run() {
            boolean ready = false;
            try (WaylandClient client = WaylandClient.connect(settings.socket());
                 SwapChain chain = settings.mode() == LoadMode.COMMIT ? swapChain(client) : null) {
                setUp.countDown();
                ready = true;
                go.await();
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    if (chain != null) {
                        ClientObject done = chain.present(true, OPERATION_TIMEOUT);
                        client.dispatchUntil(done::isDestroyed, OPERATION_TIMEOUT);
                    } else {
                        client.roundtrip(OPERATION_TIMEOUT);
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= countFrom && t1 <= end) {
                        latency.recordValue(Math.min(t1 - t0, HIGHEST_NANOS));
                        counted++;
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                error = e.toString();
            } finally {
                if (!ready) {
                    setUp.countDown(); // the others must not wait for a client that failed to set up
                }
            }
        }

        /** A visible surface and its two buffers. */
        private SwapChain swapChain(WaylandClient client) throws IOException {
            ShmScene scene = ShmScene.on(client);
            VisibleSurface surface = VisibleSurface.create(scene, settings.roles(), OPERATION_TIMEOUT);
            return new SwapChain(surface, settings.width(), settings.height(), settings.pool());
        }
    }
}
