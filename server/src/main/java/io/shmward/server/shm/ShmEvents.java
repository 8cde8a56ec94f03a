package io.shmward.server.shm;

import java.util.List;

/** What the shm subsystem reports as it runs; the metrics listen. Every method is called on the event loop. */
public interface ShmEvents {
    /** A pool's memory was opened; {@code sealed}: its file carries F_SEAL_SHRINK. */
    default void poolOpened(boolean sealed) {
    }

    /** A pool's memory was released: its fd closed. */
    default void poolClosed() {
    }

    default void mapped(long bytes) {
    }

    default void unmapped(long bytes) {
    }

    /**
     * A pool grew.
     *
     * @param remapped it is (still) on the mapped path at its new size
     * @param demoted  it was mapped and now reads by pread, its file no longer covering it
     */
    default void resized(boolean remapped, boolean demoted) {
    }

    default void bufferCreated() {
    }

    default void bufferDestroyed() {
    }

    /**
     * One read in this many is timed: two clock reads and a timer's sliding-window percentiles cost more than
     * copying a small buffer (a JFR profile of 256x256 commits put 40% of the loop's Java samples in the
     * percentiles), and a sample gives the same distribution.
     */
    int READS_TIMED_EVERY = 16;
    /** {@code nanos} of a read that was not timed. */
    long UNTIMED = -1;

    /** Bytes of buffer contents copied out for a consumer, and how long that took ({@link #UNTIMED} if not timed). */
    default void consumed(long bytes, long nanos) {
    }

    /**
     * A read found bytes missing: a truncated file or an I/O error, and the server's reaction. Called for
     * every such read; {@link ReadFailure#newEvent()} is false while the same truncation of the same buffer
     * goes on frame after frame.
     */
    default void readFailed(ReadFailure failure) {
    }

    /** A create_pool was refused and the fd it carried closed. */
    default void poolFdRefused() {
    }

    ShmEvents NONE = new ShmEvents() {
    };

    /** One listener that tells each of {@code listeners}, in order. */
    static ShmEvents all(ShmEvents... listeners) {
        List<ShmEvents> each = List.of(listeners);
        return new ShmEvents() {
            @Override
            public void poolOpened(boolean sealed) {
                each.forEach(l -> l.poolOpened(sealed));
            }

            @Override
            public void poolClosed() {
                each.forEach(ShmEvents::poolClosed);
            }

            @Override
            public void mapped(long bytes) {
                each.forEach(l -> l.mapped(bytes));
            }

            @Override
            public void unmapped(long bytes) {
                each.forEach(l -> l.unmapped(bytes));
            }

            @Override
            public void resized(boolean remapped, boolean demoted) {
                each.forEach(l -> l.resized(remapped, demoted));
            }

            @Override
            public void bufferCreated() {
                each.forEach(ShmEvents::bufferCreated);
            }

            @Override
            public void bufferDestroyed() {
                each.forEach(ShmEvents::bufferDestroyed);
            }

            @Override
            public void consumed(long bytes, long nanos) {
                for (int i = 0; i < each.size(); i++) { // every read: a plain loop, no capturing lambda
                    each.get(i).consumed(bytes, nanos);
                }
            }

            @Override
            public void readFailed(ReadFailure failure) {
                each.forEach(l -> l.readFailed(failure));
            }

            @Override
            public void poolFdRefused() {
                each.forEach(ShmEvents::poolFdRefused);
            }
        };
    }
}
