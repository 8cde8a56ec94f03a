package io.shmward.client;

import java.io.IOException;
import java.time.Duration;

/**
 * A {@code wl_surface} the compositor will show, and therefore read. When the server offers
 * {@code xdg_wm_base} (and the caller does not forbid it) the surface becomes an {@code xdg_toplevel}, whose
 * first configure is waited for and acknowledged before any buffer is attached, as xdg-shell requires:
 * Weston, for one, reads only the buffers of mapped surfaces. Otherwise the surface has no role; Shmward
 * reads a role-less surface's buffer at every commit, other compositors may never read it.
 */
public final class VisibleSurface {
    /** How the surface is made visible. */
    public enum RoleChoice {
        /** An xdg_toplevel when xdg_wm_base is advertised, otherwise no role. */
        AUTO,
        /** No role: attach and commit on a bare wl_surface. */
        NONE
    }

    private final ShmScene scene;
    private final ClientObject surface;
    /** The xdg_surface and xdg_toplevel, or null when the surface has no role. */
    private final ClientObject xdgSurface;
    private final ClientObject toplevel;

    private VisibleSurface(ShmScene scene, ClientObject surface, ClientObject xdgSurface, ClientObject toplevel) {
        this.scene = scene;
        this.surface = surface;
        this.xdgSurface = xdgSurface;
        this.toplevel = toplevel;
    }

    /** Creates the surface and, for a toplevel, completes the initial configure handshake. */
    public static VisibleSurface create(ShmScene scene, RoleChoice choice, Duration timeout) throws IOException {
        WaylandClient client = scene.client();
        ClientObject surface = scene.createSurface();
        boolean xdg = choice == RoleChoice.AUTO
                && scene.registry().globals().stream().anyMatch(g -> g.interfaceName().equals("xdg_wm_base"));
        if (!xdg) {
            return new VisibleSurface(scene, surface, null, null);
        }
        ClientObject wmBase = scene.registry().bind("xdg_wm_base", 1);
        wmBase.onEvent(m -> {
            if (m.name().equals("ping")) {
                answer(wmBase, m.intArg(0));
            }
        });
        ClientObject xdgSurface = client.create(wmBase, "get_xdg_surface", null, surface.id());
        ClientObject toplevel = client.create(xdgSurface, "get_toplevel", (Object) null);
        surface.send("commit");
        client.dispatchUntil(() -> !xdgSurface.events("configure").isEmpty(), timeout);
        xdgSurface.send("ack_configure", xdgSurface.events("configure").getFirst().intArg(0));
        return new VisibleSurface(scene, surface, xdgSurface, toplevel);
    }

    private static void answer(ClientObject wmBase, int serial) {
        try {
            wmBase.send("pong", serial);
        } catch (IOException e) {
            // the connection is going away; whoever reads next sees why
        }
    }

    public ClientObject surface() {
        return surface;
    }

    /** True when the surface is an xdg_toplevel. */
    public boolean isToplevel() {
        return toplevel != null;
    }

    /** The xdg_surface, its first configure acknowledged; null when the surface has no role. */
    public ClientObject xdgSurface() {
        return xdgSurface;
    }

    /** The xdg_toplevel; null when the surface has no role. */
    public ClientObject toplevel() {
        return toplevel;
    }

    public ShmScene scene() {
        return scene;
    }

    /**
     * attach + damage_buffer (the whole buffer) + frame + commit, in one write; returns the frame callback,
     * whose {@code done} says the compositor has presented (and so read) the buffer.
     */
    public ClientObject show(ClientObject buffer, int width, int height) throws IOException {
        WaylandClient client = scene.client();
        ClientObject frame;
        try (WaylandClient.Batch batch = client.batch()) {
            surface.send("attach", buffer.id(), 0, 0);
            surface.send("damage_buffer", 0, 0, width, height);
            frame = client.create(surface, "frame", (Object) null);
            surface.send("commit");
        }
        return frame;
    }
}
