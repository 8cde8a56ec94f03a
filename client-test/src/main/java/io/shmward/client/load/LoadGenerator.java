package io.shmward.client.load;

import io.shmward.client.ClientObject;
import io.shmward.client.ShmScene;
import io.shmward.client.SwapChain;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs {@link LoadSettings#clients()} clients at once, each on its own connection. Closed-loop runs (the
 * default) give each client a thread of its own, repeating its {@link LoadMode} operation back to back: all
 * start together once every one is set up; operations that start after the warm-up and complete before the
 * end are counted and their latencies recorded. Paced runs ({@link PacedSyncLoad}) and idle crowds
 * ({@link IdleCrowd}) serve every client from one thread.
 */
public final class LoadGenerator {
    /** A compositor that does not answer an operation within this long fails the client. */
    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);
    /** Fds a client of ours holds (its socket, and in commit mode a pool file), with room to spare. */
    private static final int FDS_PER_CLIENT = 3;
    private static final int FDS_SPARE = 256;

    private LoadGenerator() {
    }

    public static LoadResult run(LoadSettings settings, String targetName) throws IOException, InterruptedException {
        return run(settings, targetName, line -> { });
    }

    /** As {@link #run(LoadSettings, String)}, telling {@code progress} when every client is set up. */
    public static LoadResult run(LoadSettings settings, String targetName, Consumer<String> progress)
            throws IOException, InterruptedException {
        ensureFds(settings.clients());
        if (settings.mode() == LoadMode.IDLE) {
            return IdleCrowd.run(settings, targetName, progress);
        }
        if (settings.paced()) {
            return PacedSyncLoad.run(settings, targetName, progress);
        }
        return closedLoop(settings, targetName, progress);
    }

    /** Raises the soft fd limit to the hard one, and says so at once when even that is too low. */
    private static void ensureFds(int clients) throws IOException {
        long needed = (long) clients * FDS_PER_CLIENT + FDS_SPARE;
        long limit = Libc.raiseOpenFileLimit();
        if (limit < needed) {
            throw new IOException(clients + " clients need about " + needed + " fds; this process may open " + limit
                    + " (the hard limit, ulimit -Hn)");
        }
    }

    private static LoadResult closedLoop(LoadSettings settings, String targetName, Consumer<String> progress)
            throws InterruptedException {
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
        progress.accept(n + " clients set up");
        long countFrom = System.nanoTime() + settings.warmup().toNanos();
        long end = countFrom + settings.duration().toNanos();
        clients.forEach(c -> c.window(countFrom, end));
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        Histogram all = LoadResult.histogram();
        long operations = 0;
        Failures failures = new Failures();
        for (LoadClient c : clients) {
            all.add(c.latency);
            operations += c.counted;
            if (c.failure != null) {
                failures.add(c.failure);
            }
        }
        return new LoadResult(settings, targetName, operations, settings.duration().toNanos() / 1e9, all, failures);
    }

    /** One client: set up, wait for the start, then repeat the operation until the window closes. */
    private static final class LoadClient implements Runnable {
        private final LoadSettings settings;
        private final CountDownLatch setUp;
        private final CountDownLatch go;
        private final Histogram latency = LoadResult.histogram();
        private long countFrom;
        private long end;
        private long counted;
        private Exception failure;

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
                        latency.recordValue(Math.min(t1 - t0, LoadResult.HIGHEST_NANOS));
                        counted++;
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failure = e;
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
