package io.shmward.client.load;

/**
 * The intended send times of one connection's unanswered round trips, oldest first. A compositor answers a
 * connection's {@code wl_display.sync} requests in the order sent, so the oldest is the one each answer is
 * for. Usually one at most is out; a stalled compositor makes them pile up, one per interval, until the
 * oldest times out.
 */
final class PendingRoundTrips {
    private long[] times = new long[4];
    private int head;
    private int size;

    void add(long intendedNanos) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = intendedNanos;
        size++;
    }

    /** Removes and returns the oldest. */
    long remove() {
        if (size == 0) {
            throw new IllegalStateException("no round trip is out");
        }
        long t = times[head];
        head = (head + 1) % times.length;
        size--;
        return t;
    }

    /** The oldest's intended send time; only asked when one is out. */
    long oldest() {
        if (size == 0) {
            throw new IllegalStateException("no round trip is out");
        }
        return times[head];
    }

    boolean isEmpty() {
        return size == 0;
    }
}
