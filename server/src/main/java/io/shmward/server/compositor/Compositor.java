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
    private final FrameClock frameClock;

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

    /** The live surfaces, oldest first. */
    public List<SurfaceResource> surfaces() {
        return new ArrayList<>(surfaces);
    }

    void surfaceCreated(SurfaceResource s) {
        surfaces.add(s);
    }

    void surfaceDestroyed(SurfaceResource s) {
        surfaces.remove(s);
    }

    @Override
    public void close() {
        frameClock.close();
    }
}
