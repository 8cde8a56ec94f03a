package io.shmward.server.transport;

import io.shmward.protocol.wire.FdSource;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;

/**
 * A connection's received fds in arrival order, owned until a message takes them. Bounded: past
 * {@code capacity} further fds are closed at once and the queue reports an overflow, so a client cannot
 * make the server hold more than {@code capacity} of its fds.
 */
final class FdQueue implements FdSource {
    private static final int INITIAL = 8;

    /** Grows on demand up to {@link #capacity}: most clients never hold more than a few fds at once. */
    private int[] ring = new int[INITIAL];
    private final int capacity;
    private final FdCloser.Account closer;
    private final SharedBudget total;
    private final TransportObserver observer;
    private int head;
    private int size;
    private boolean overflowed;

    /** A queue of {@code capacity} fds, which also count against {@code total}, shared by every connection. */
    FdQueue(int capacity, SharedBudget total, FdCloser.Account closer, TransportObserver observer) {
        this.capacity = capacity;
        this.total = total;
        this.closer = closer;
        this.observer = observer;
    }

    /** Queues {@code fd}, or closes it and records an overflow when the queue is full. */
    void offer(int fd) {
        if (size == capacity || !total.tryAdmit(1)) {
            closer.close(fd);
            observer.fdClosed();
            overflowed = true;
            return;
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = fd;
        size++;
    }

    private void grow() {
        int[] larger = new int[Math.min(capacity, ring.length * 2)];
        for (int i = 0; i < size; i++) {
            larger[i] = ring[(head + i) % ring.length];
        }
        ring = larger;
        head = 0;
    }

    boolean overflowed() {
        return overflowed;
    }

    @Override
    public int available() {
        return size;
    }

    @Override
    public int take() {
        if (size == 0) {
            throw new IllegalStateException("fd queue is empty");
        }
        int fd = ring[head];
        head = (head + 1) % ring.length;
        size--;
        total.release(1);
        return fd;
    }

    /** Closes every fd still queued; the connection is gone. */
    void closeAll() {
        while (size > 0) {
            closer.close(take());
            observer.fdClosed();
        }
    }
}
