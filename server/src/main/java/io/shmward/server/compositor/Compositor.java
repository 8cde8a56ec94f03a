package io.shmward.server.compositor;

import io.netty.channel.EventLoop;
import io.shmward.server.core.Globals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The compositor subsystem: the {@code wl_compositor} global, the live surfaces, the frame clock. */
public final class Compositor implements AutoCloseable {
    /** wl_compositor version 6, the highest in the vendored wayland.xml, implemented whole. */
    static final int VERSION = 6;

    private final Set<SurfaceResource> surfaces = new LinkedHashSet<>();
    private final List<CompositorEvents> listeners = new ArrayList<>();
    private final FrameClock frameClock;
    private long surfacesCreated;

    private Compositor(EventLoop loop, int refreshMilliHz) {
        this.frameClock = new FrameClock(loop, refreshMilliHz);
    }

    /** Registers {@code wl_compositor}; frames tick on {@code loop} at {@code refreshMilliHz} / 1000 Hz. */
    public static Compositor register(Globals globals, EventLoop loop, int refreshMilliHz) {
        Compositor compositor = new Compositor(loop, refreshMilliHz);
        globals.add(CompositorProtocol.WL_COMPOSITOR, VERSION,
                (client, id, version) -> new CompositorResource(compositor, client, id, version));
        return compositor;
    }

    public FrameClock frameClock() {
        return frameClock;
    }

    /** Adds a listener of surface changes; call on the event loop. */
    public void listen(CompositorEvents listener) {
        listeners.add(listener);
    }

    /** The live surfaces, oldest first. */
    public List<SurfaceResource> surfaces() {
        return new ArrayList<>(surfaces);
    }

    /** Enters a new surface; returns its serial, unique in this server (object ids are only unique per client). */
    long surfaceCreated(SurfaceResource s) {
        surfaces.add(s);
        return ++surfacesCreated;
    }

    void surfaceCommitted(SurfaceResource s) {
        for (CompositorEvents l : listeners) {
            l.committed(s);
        }
    }

    void surfaceDestroying(SurfaceResource s) {
        surfaces.remove(s);
        for (CompositorEvents l : listeners) {
            l.surfaceDestroying(s);
        }
    }

    @Override
    public void close() {
        frameClock.close();
    }
}
