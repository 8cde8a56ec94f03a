package io.shmward.server.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count kept by the one thread that owns it (the event loop) and read by any other (a scrape). Counting a
 * request or an event happens for every message, so it must cost no more than a store: Micrometer's
 * counters are {@code DoubleAdder}s, built for many writers, and showed in the dispatch profile. Opaque
 * access keeps the value whole and eventually visible to readers; a scrape may see it a moment late.
 */
final class LoopCounter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(LoopCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // reached through VALUE
    private long value;

    /** Adds one; only the owning thread calls this. */
    void increment() {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + 1);
    }

    /** Adds {@code n}; only the owning thread calls this. */
    void add(long n) {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + n);
    }

    /** The count, from any thread. */
    double read() {
        return (long) VALUE.getOpaque(this);
    }
}
