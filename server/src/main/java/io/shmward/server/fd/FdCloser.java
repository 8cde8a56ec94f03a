package io.shmward.server.fd;

import io.shmward.os.Libc;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the fds clients sent. A shmem file's close cannot wait on anyone, so it happens at once on the
 * caller's thread. Any other close may wait as long as someone else likes (a lingering socket, a FUSE
 * file whose daemon withholds FLUSH), so it is handed to closer threads, never run on the event loop or on
 * the workers that probe and read other clients' files.
 *
 * <p>Each client's fds wait in a queue of their own ({@link Account}), and a closer thread takes one
 * client's queue at a time: a close that never returns holds that client's later fds and one thread, never
 * another client's fds. Threads are started as clients need them, up to {@code threads}; only when as many
 * clients each have a close stuck do the others wait.
 *
 * <p>Fds waiting are quarantined: counted for their client and in all. An account past {@code perClient},
 * or the process past {@code global}, tells its caller to disconnect the sender: it may not pile up more of
 * them, and the process's fd table stays bounded.
 */
public final class FdCloser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FdCloser.class);

    private final AtomicInteger quarantined = new AtomicInteger();
    private final AtomicLong slowCloses = new AtomicLong();
    private final int perClient;
    private final int global;
    private final long slowNanos;
    private final int maxThreads;
    /** Accounts with fds waiting and no thread on them, in the order they asked. Guarded by {@code this}. */
    private final Queue<Account> ready = new ArrayDeque<>();
    /** Closer threads alive, and those waiting for work. Guarded by {@code this}. */
    private int threads;
    private int idle;
    private boolean stopping;
    /** System.nanoTime() when each thread's close in progress began, 0 while idle; index = thread number. */
    private final AtomicLong[] closingSince;

    private FdCloser(int perClient, int global, long slowNanos, int maxThreads) {
        this.perClient = perClient;
        this.global = global;
        this.slowNanos = slowNanos;
        this.maxThreads = maxThreads;
        this.closingSince = new AtomicLong[maxThreads];
        for (int i = 0; i < maxThreads; i++) {
            closingSince[i] = new AtomicLong();
        }
    }

    /**
     * A closer with up to {@code threads} threads (started as needed).
     *
     * @param perClient fds one client may have waiting for their close before it is disconnected
     * @param global    fds all clients together may have waiting
     * @param slowNanos a close that takes longer is counted as slow (the time limit of fd operations)
     */
    public static FdCloser start(int perClient, int global, long slowNanos, int threads) {
        return new FdCloser(perClient, global, slowNanos, threads);
    }

    /** A fresh account for one client's fds. */
    public Account account() {
        return new Account();
    }

    /** Fds waiting for their close (those being closed included). */
    public int quarantined() {
        return quarantined.get();
    }

    /** Closes that took longer than the time limit, since start. */
    public long slowCloses() {
        return slowCloses.get();
    }

    /** How long the longest close in progress has taken so far, in seconds; 0 when none is in progress. */
    public double currentCloseSeconds() {
        long now = System.nanoTime();
        long longest = 0;
        for (AtomicLong since : closingSince) {
            long s = since.get();
            if (s != 0) {
                longest = Math.max(longest, now - s);
            }
        }
        return longest / 1e9;
    }

    /** One client's fds: closes them, in order, and counts those in quarantine. */
    public final class Account {
        private final AtomicInteger waiting = new AtomicInteger();
        /** Fds not yet closed, oldest first. Guarded by the closer. */
        private final Queue<Integer> fds = new ArrayDeque<>();
        /** Queued for a thread, or being served by one. Guarded by the closer. */
        private boolean scheduled;

        private Account() {
        }

        /**
         * Closes {@code fd}, which is the caller's to give up: a shmem file at once, anything else on a closer
         * thread.
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
            enqueue(this, fd);
            return mine <= perClient && all <= global;
        }

        /** This client's fds waiting for their close. */
        public int waiting() {
            return waiting.get();
        }
    }

    private synchronized void enqueue(Account account, int fd) {
        account.fds.add(fd);
        if (!account.scheduled) {
            account.scheduled = true;
            ready.add(account);
            if (idle > 0) {
                notify();
            } else if (threads < maxThreads) {
                int number = threads++;
                Thread.ofPlatform().name("shmward-fd-closer-" + number).daemon().start(() -> run(number));
            }
        }
    }

    /** Takes the next account with fds waiting, or null once stopping with nothing left. */
    private synchronized Account next() {
        while (ready.isEmpty()) {
            if (stopping) {
                return null;
            }
            idle++;
            try {
                wait();
            } catch (InterruptedException e) {
                // only close() ends these threads, once every fd has been closed
            } finally {
                idle--;
            }
        }
        return ready.poll();
    }

    /** The next fd of {@code account}, or -1 (and the account unscheduled) when it has none left. */
    private synchronized int nextFd(Account account) {
        Integer fd = account.fds.poll();
        if (fd == null) {
            account.scheduled = false;
            return -1;
        }
        return fd;
    }

    private void run(int number) {
        for (Account account = next(); account != null; account = next()) {
            for (int fd = nextFd(account); fd >= 0; fd = nextFd(account)) {
                long start = System.nanoTime();
                closingSince[number].set(start);
                Libc.closeQuietly(fd);
                closingSince[number].set(0);
                long took = System.nanoTime() - start;
                if (took > slowNanos) {
                    slowCloses.incrementAndGet();
                    log.warn("closing a client's fd took {} ms", took / 1_000_000);
                }
                account.waiting.decrementAndGet();
                quarantined.decrementAndGet();
            }
        }
    }

    /**
     * Lets the threads finish what is queued and end. Does not wait for them: a close that never returns
     * must not hold the server's shutdown either.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        notifyAll();
    }
}
