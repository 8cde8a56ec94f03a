package io.shmward.client.load;

import org.HdrHistogram.Histogram;

/**
 * The accounting of a paced run: a round trip counts when it was meant to start inside the measured window,
 * and its latency runs from that intended start to its answer, however late it was actually sent. A
 * compositor (or a generator) that stalls therefore shows every round trip it delayed at its full delay,
 * rather than one slow sample followed by a pause in sending (coordinated omission). How late each was
 * sent is kept apart, so a busy generator can be told from a slow compositor.
 */
final class MeasuredWindow {
    private final long fromNanos;
    private final long untilNanos;
    private final Histogram latency = LoadResult.histogram();
    private final Histogram sendLag = LoadResult.histogram();
    private long answered;

    /** Counts round trips intended to start in [{@code fromNanos}, {@code untilNanos}). */
    MeasuredWindow(long fromNanos, long untilNanos) {
        this.fromNanos = fromNanos;
        this.untilNanos = untilNanos;
    }

    /** A window that counts nothing: for round trips that only set a connection up. */
    static MeasuredWindow none() {
        return new MeasuredWindow(0, 0);
    }

    /** The round trip intended to start at {@code intendedNanos} left at {@code sentNanos}. */
    void sent(long intendedNanos, long sentNanos) {
        if (counts(intendedNanos)) {
            sendLag.recordValue(clamp(sentNanos - intendedNanos));
        }
    }

    /** The round trip intended to start at {@code intendedNanos} was answered at {@code answeredNanos}. */
    void answered(long intendedNanos, long answeredNanos) {
        if (counts(intendedNanos)) {
            latency.recordValue(clamp(answeredNanos - intendedNanos));
            answered++;
        }
    }

    private boolean counts(long intendedNanos) {
        return intendedNanos - fromNanos >= 0 && intendedNanos - untilNanos < 0;
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, LoadResult.HIGHEST_NANOS));
    }

    long answered() {
        return answered;
    }

    Histogram latency() {
        return latency;
    }

    Histogram sendLag() {
        return sendLag;
    }
}
