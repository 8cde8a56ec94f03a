package io.shmward.server.compositor;

import io.netty.channel.EventLoop;
import io.shmward.server.core.CallbackResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The virtual output's refresh: at every tick, the frame callbacks of the surfaces that committed since the
 * last tick are fired with the tick's time in milliseconds, as {@code wl_surface.frame} describes.
 */
public final class FrameClock implements AutoCloseable {
    private final List<CallbackResource> due = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledFuture<?> ticking;
    private long frames;

    FrameClock(EventLoop loop, int refreshMilliHz) {
        long periodNanos = 1_000_000_000_000L / refreshMilliHz;
        ticking = loop.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    void queue(List<CallbackResource> callbacks) {
        due.addAll(callbacks);
    }

    /** Frames ticked so far. */
    public long frames() {
        return frames;
    }

    private void tick() {
        frames++;
        if (due.isEmpty()) {
            return;
        }
        int millis = (int) ((System.nanoTime() - startNanos) / 1_000_000);
        List<CallbackResource> firing = new ArrayList<>(due);
        due.clear();
        for (CallbackResource callback : firing) {
            callback.fire(millis);
        }
    }

    @Override
    public void close() {
        ticking.cancel(false);
    }
}
