package io.shmward.client.load;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A paced sync run ({@link LoadSettings#paced()}): every client sends {@code wl_display.sync} at its rate on
 * the {@link PaceSchedule}, whether or not its last one was answered (open loop), all clients on one thread
 * and one selector. Each connection first answers one round trip, uncounted, so the measured time starts
 * with every client accepted and served. After the last send the answers still out are waited for; a
 * connection that leaves one unanswered for {@link LoadGenerator#OPERATION_TIMEOUT} has failed.
 */
final class PacedSyncLoad {
    private static final long TIMEOUT_NANOS = LoadGenerator.OPERATION_TIMEOUT.toNanos();
    /** How often connections are checked for an answer overdue: often enough next to the timeout. */
    private static final long EXPIRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadSettings settings;
    private final Selector selector;
    /** Indexed by client; null once the client is lost. */
    private final List<SyncConnection> connections = new ArrayList<>();
    private final Failures failures = new Failures();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
    private long lastExpiryCheck;

    private PacedSyncLoad(LoadSettings settings, Selector selector) {
        this.settings = settings;
        this.selector = selector;
    }

    static LoadResult run(LoadSettings settings, String target, Consumer<String> progress) throws IOException {
        try (Selector selector = Selector.open()) {
            PacedSyncLoad load = new PacedSyncLoad(settings, selector);
            try {
                return load.run(target, progress);
            } finally {
                load.closeAll();
            }
        }
    }

    private LoadResult run(String target, Consumer<String> progress) throws IOException {
        connectAll();
        long now = System.nanoTime();
        for (int i = 0; i < connections.size(); i++) {
            sendOrLose(i, now, MeasuredWindow.none());
        }
        drain(MeasuredWindow.none());
        progress.accept(connections.stream().filter(Objects::nonNull).count()
                + " clients connected, each answered a round trip");

        PaceSchedule schedule = new PaceSchedule(System.nanoTime(), settings.clients(), settings.rate());
        long countFrom = schedule.startNanos() + settings.warmup().toNanos();
        long end = countFrom + settings.duration().toNanos();
        MeasuredWindow window = new MeasuredWindow(countFrom, end);
        long k = 0; // the next send, numbered over all clients
        while (schedule.dueNanos(k) - end < 0) {
            now = System.nanoTime();
            for (; schedule.dueNanos(k) - now <= 0 && schedule.dueNanos(k) - end < 0; k++) {
                sendOrLose(schedule.client(k), schedule.dueNanos(k), window);
            }
            expireOverdue(now);
            serve(window, schedule.dueNanos(k) - now);
        }
        drain(window);
        return new LoadResult(settings, target, window.answered(), settings.duration().toNanos() / 1e9,
                window.latency(), window.sendLag(), failures);
    }

    private void connectAll() throws IOException {
        for (int i = 0; i < settings.clients(); i++) {
            SyncConnection c = null;
            try {
                c = SyncConnection.connect(settings.socket());
                c.register(selector, i);
            } catch (IOException e) {
                failures.add(e);
                if (c != null) {
                    c.close();
                }
                c = null;
            }
            connections.add(c);
        }
    }

    private void sendOrLose(int client, long intendedNanos, MeasuredWindow window) {
        SyncConnection c = connections.get(client);
        if (c == null) {
            return;
        }
        try {
            c.send(intendedNanos);
            window.sent(intendedNanos, System.nanoTime());
        } catch (IOException e) {
            lose(client, e);
        }
    }

    /** Waits for the answers still out, for the timeout at most; a connection still waiting then has failed. */
    private void drain(MeasuredWindow window) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (connections.stream().anyMatch(c -> c != null && c.hasPending())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                failWaiting(c -> true);
                return;
            }
            serve(window, left);
        }
    }

    /** Fails each connection whose oldest answer is overdue at {@code now}; checked every so often only. */
    private void expireOverdue(long now) {
        if (now - lastExpiryCheck < EXPIRY_CHECK_NANOS) {
            return;
        }
        lastExpiryCheck = now;
        failWaiting(c -> now - c.oldestPending() > TIMEOUT_NANOS);
    }

    /** Fails each connection with an answer out for which {@code given} holds. */
    private void failWaiting(Predicate<SyncConnection> given) {
        for (int i = 0; i < connections.size(); i++) {
            SyncConnection c = connections.get(i);
            if (c != null && c.hasPending() && given.test(c)) {
                lose(i, new SocketTimeoutException("no answer from the server within "
                        + LoadGenerator.OPERATION_TIMEOUT));
            }
        }
    }

    /**
     * Waits up to {@code waitNanos} (rounded up to the selector's milliseconds) for connections to become
     * readable or writable, and serves them. The rounding makes sends up to about a millisecond late; the
     * send lag shows it and the latency includes it.
     */
    private void serve(MeasuredWindow window, long waitNanos) throws IOException {
        long millis = (waitNanos + 999_999) / 1_000_000;
        Consumer<SelectionKey> ready = key -> {
            int client = (Integer) key.attachment();
            SyncConnection c = connections.get(client);
            if (c == null) {
                return; // lost earlier in this same wake-up
            }
            try {
                if (key.isWritable()) {
                    c.flush();
                }
                if (key.isReadable()) {
                    c.read(scratch, intended -> window.answered(intended, System.nanoTime()));
                }
            } catch (IOException e) {
                lose(client, e);
            }
        };
        if (millis <= 0) {
            selector.selectNow(ready);
        } else {
            selector.select(ready, millis);
        }
    }

    private void lose(int client, IOException why) {
        failures.add(why);
        closeQuietly(connections.set(client, null));
    }

    private void closeAll() {
        for (int i = 0; i < connections.size(); i++) {
            closeQuietly(connections.set(i, null));
        }
    }

    private static void closeQuietly(SyncConnection c) {
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
