package io.shmward.server.compositor.xdg;

import io.netty.channel.EventLoop;
import io.shmward.server.compositor.Compositor;
import io.shmward.server.compositor.Output;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.Globals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The xdg-shell subsystem: registers {@code xdg_wm_base}, knows the live toplevels and which one holds the
 * focus. Focus follows the newest toplevel that made its initial commit; when that one is withdrawn
 * (destroyed or unmapped), the newest remaining one gets it back, each change told by a configure.
 */
public final class XdgShell {
    /** xdg_wm_base version 5, the highest in the vendored xdg-shell.xml, implemented whole. */
    static final int VERSION = 5;

    private final EventLoop loop;
    private final Compositor compositor;
    private final Duration pingTimeout;
    private final List<ToplevelResource> toplevels = new ArrayList<>();
    /** Toplevels that may hold the focus, in the order they last asked for it. */
    private final List<ToplevelResource> focusOrder = new ArrayList<>();
    private ToplevelResource active;

    private XdgShell(EventLoop loop, Compositor compositor, Duration pingTimeout) {
        this.loop = loop;
        this.compositor = compositor;
        this.pingTimeout = pingTimeout;
    }

    /**
     * Registers {@code xdg_wm_base}. Each bound object is pinged and must answer within
     * {@code pingTimeout}, or its client is disconnected; zero switches pings off.
     */
    public static XdgShell register(Globals globals, EventLoop loop, Compositor compositor, Duration pingTimeout) {
        XdgShell shell = new XdgShell(loop, compositor, pingTimeout);
        globals.add(XdgProtocol.XDG_WM_BASE, VERSION, (client, id, version) -> new WmBaseResource(shell, client, id, version));
        return shell;
    }

    /** The live toplevels, oldest first. */
    public List<ToplevelResource> toplevels() {
        return List.copyOf(toplevels);
    }

    /** The toplevel whose wl_surface is {@code surface}, or null. */
    public ToplevelResource toplevelOf(SurfaceResource surface) {
        for (ToplevelResource t : toplevels) {
            if (t.surface() == surface) {
                return t;
            }
        }
        return null;
    }

    /** The toplevel configured as activated, or null. */
    public ToplevelResource activeToplevel() {
        return active;
    }

    EventLoop loop() {
        return loop;
    }

    Duration pingTimeout() {
        return pingTimeout;
    }

    Output output() {
        return compositor.output();
    }

    void toplevelCreated(ToplevelResource t) {
        toplevels.add(t);
    }

    void toplevelDestroyed(ToplevelResource t) {
        toplevels.remove(t);
        for (ToplevelResource other : toplevels) {
            other.parentDestroyed(t);
        }
    }

    boolean isActive(ToplevelResource t) {
        return active == t;
    }

    /**
     * {@code t} made its initial commit and takes the focus; the toplevel that held it is reconfigured.
     * {@code t}'s own configure, which follows, carries the activated state.
     */
    void focusNew(ToplevelResource t) {
        focusOrder.remove(t);
        focusOrder.add(t);
        ToplevelResource previous = active;
        active = t;
        if (previous != null && previous != t) {
            previous.reconfigure();
        }
    }

    /** {@code t} can no longer hold the focus; if it did, the newest remaining toplevel gets it. */
    void withdraw(ToplevelResource t) {
        focusOrder.remove(t);
        if (active == t) {
            active = focusOrder.isEmpty() ? null : focusOrder.getLast();
            if (active != null) {
                active.reconfigure();
            }
        }
    }
}
