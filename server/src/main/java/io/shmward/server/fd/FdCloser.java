package io.shmward.server.fd;

import io.shmward.os.Libc;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the fds clients sent. A shmem file's close cannot wait on anyone, so it happens at once on the
 * caller's thread. Any other close may wait as long as someone else likes (a lingering socket, a FUSE
 * file whose daemon withholds FLUSH), so it is handed to one dedicated thread: a close that never returns
 * then holds that thread and the fds queued behind it, never the event loop or the workers that probe and
 * read other clients' files.
 *
 * <p>Fds waiting for that thread are quarantined: counted for their client ({@link Account}) and in all.
 * An account past {@code perClient}, or the process past {@code global}, tells its caller to disconnect the
 * sender: it may not pile up more of them, and the process's fd table stays bounded.
 */
public final class FdCloser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FdCloser.class);
    private static final Pending STOP = new Pending(-1, null);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger quarantined = new AtomicInteger();
    private final AtomicLong slowCloses = new AtomicLong();
    private final int perClient;
    private final int global;
    private final long slowNanos;
    private final Thread thread;
    /** System.nanoTime() when the close in progress began; 0 while the thread is idle. */
    private volatile long closingSince;

    private record Pending(int fd, Account owner) {
    }

    private FdCloser(int perClient, int global, long slowNanos) {
        this.perClient = perClient;
        this.global = global;
        this.slowNanos = slowNanos;
        this.thread = Thread.ofPlatform().name("shmward-fd-closer").daemon().unstarted(this::run);
    }

    /**
     * Starts the closer thread.
     *
     * @param perClient fds one client may have waiting for their close before it is disconnected
     * @param global    fds all clients together may have waiting
     * @param slowNanos a close that takes longer is counted as slow (the time limit of fd operations)
     */
    public static FdCloser start(int perClient, int global, long slowNanos) {
        FdCloser closer = new FdCloser(perClient, global, slowNanos);
        closer.thread.start();
        return closer;
    }

    /** A fresh account for one client's fds. */
    public Account account() {
        return new Account();
    }

    /** Fds waiting for their close (the one being closed included). */
    public int quarantined() {
        return quarantined.get();
    }

    /** Closes that took longer than the time limit, since start. */
    public long slowCloses() {
        return slowCloses.get();
    }

    /** How long the close in progress has taken so far, in seconds; 0 when none is in progress. */
    public double currentCloseSeconds() {
        long since = closingSince;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
    }

    /** One client's fds: closes them, and counts those in quarantine. */
    public final class Account {
        private final AtomicInteger waiting = new AtomicInteger();

        private Account() {
        }

        /**
         * Closes {@code fd}, which is the caller's to give up: a shmem file at once, anything else on the
         * closer thread.
         *
         * @return false when this client, or the process, now has more fds waiting than its budget allows:
         *     the caller disconnects the client
         */
        public boolean close(int fd) {
            if (Libc.isShmem(fd)) {
                Libc.closeQuietly(fd);
                return true;
            }
            int mine = waiting.incrementAndGet();
            int all = quarantined.incrementAndGet();
            queue.add(new Pending(fd, this));
            return mine <= perClient && all <= global;
        }

        /** This client's fds waiting for their close. */
        public int waiting() {
            return waiting.get();
        }
    }

    private void run() {
        while (true) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() stops this thread, by queueing STOP behind every fd still waiting
            }
            if (next == STOP) {
                return;
            }
            long start = System.nanoTime();
            closingSince = start;
            Libc.closeQuietly(next.fd());
            closingSince = 0;
            long took = System.nanoTime() - start;
            if (took > slowNanos) {
                slowCloses.incrementAndGet();
                log.warn("closing a client's fd took {} ms", took / 1_000_000);
            }
            next.owner().waiting.decrementAndGet();
            quarantined.decrementAndGet();
        }
    }

    /**
     * Closes what is queued, then stops the thread. Does not wait for it: a close that never returns must
     * not hold the server's shutdown either.
     */
    @Override
    public void close() {
        queue.add(STOP);
    }
}
