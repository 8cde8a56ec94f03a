package io.shmward.server.compositor;

import io.netty.channel.EventLoop;
import io.shmward.server.core.CallbackResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual output's refresh: at every tick, the buffers waiting for the frame are read
 * ({@code output.consume: on-frame}; none wait otherwise), then the frame callbacks of the surfaces that
 * committed since the last tick are fired with the tick's time in milliseconds, as {@code wl_surface.frame}
 * describes. A buffer read on the loop is released before its surface's callbacks fire.
 */
public final class FrameClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameClock.class);
    private final FrameReads reads;
    private final List<CallbackResource> due = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledFuture<?> ticking;
    private long frames;

    FrameClock(EventLoop loop, int refreshMilliHz, FrameReads reads) {
        this.reads = reads;
        long periodNanos = 1_000_000_000_000L / refreshMilliHz;
        ticking = loop.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    void queue(List<CallbackResource> callbacks) {
        if (!callbacks.isEmpty()) { // addAll copies its argument into an array even when it is empty
            due.addAll(callbacks);
        }
    }

    /** Frames ticked so far. */
    public long frames() {
        return frames;
    }

    /**
     * Reads and fires what is due. Never throws: a periodic task that throws is cancelled for good, and frame
     * callbacks would stop for every client. A read or a callback that fails costs its own client the
     * connection (a bug of ours, reported as one); the others still go on.
     */
    private void tick() {
        try {
            frames++;
            reads.readAll();
            if (due.isEmpty()) {
                return;
            }
            int millis = (int) ((System.nanoTime() - startNanos) / 1_000_000);
            List<CallbackResource> firing = new ArrayList<>(due);
            due.clear();
            for (CallbackResource callback : firing) {
                try {
                    callback.fire(millis);
                } catch (RuntimeException | Error e) {
                    callback.client().internalError("firing a frame callback", e);
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("the frame clock's tick failed; it ticks on", e);
        }
    }

    @Override
    public void close() {
        ticking.cancel(false);
    }
}
