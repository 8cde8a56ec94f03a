package io.shmward.server.compositor.xdg;

import io.shmward.protocol.xdgshell.XdgWmBase;
import io.shmward.protocol.xdgshell.XdgWmBase.CreatePositioner;
import io.shmward.protocol.xdgshell.XdgWmBase.Destroy;
import io.shmward.protocol.xdgshell.XdgWmBase.GetXdgSurface;
import io.shmward.protocol.xdgshell.XdgWmBase.Pong;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code xdg_wm_base}: makes positioners and xdg_surfaces, and checks the client is alive. One ping is out
 * at a time: sent at bind, and again each time the last one was answered, one timeout later; a ping
 * unanswered after the timeout is {@code xdg_wm_base.error.unresponsive} and the client is dropped.
 */
final class WmBaseResource extends Resource<XdgWmBase.Request> {
    private final XdgShell shell;
    private final Set<XdgSurfaceResource> surfaces = new LinkedHashSet<>();
    private final long timeoutMillis;
    private Integer unansweredPing;
    private ScheduledFuture<?> timer;

    WmBaseResource(XdgShell shell, Client client, int id, int version) {
        super(client, id, XdgWmBase.TYPE, version);
        this.shell = shell;
        this.timeoutMillis = shell.pingTimeout().toMillis();
        if (timeoutMillis > 0) {
            ping();
        }
    }

    @Override
    protected void onRequest(XdgWmBase.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> {
                if (!surfaces.isEmpty()) {
                    throw ProtocolError.on(this, "defunct_surfaces", this + " destroyed while " + surfaces.size()
                            + " xdg_surface(s) it made are alive");
                }
                destroy();
            }
            case CreatePositioner(var id) -> new PositionerResource(client(), id, version());
            case GetXdgSurface(var id, var surface) -> getXdgSurface(id, (SurfaceResource) client().objects().get(surface));
            case Pong(var serial) -> pong(serial);
        }
    }

    /** WLCS's order: a surface with another role first, then one that already has a buffer. */
    private void getXdgSurface(int id, SurfaceResource surface) throws ProtocolError {
        ProtocolError taken = ProtocolError.on(this, "role", surface + " already has the role "
                + (surface.roleName() != null ? surface.roleName() : "of another object"));
        if (surface.role() != null || (surface.roleName() != null && !XdgSurfaceResource.isXdgRole(surface.roleName()))) {
            throw taken;
        }
        if (surface.hasBufferAttachedOrCommitted()) {
            throw ProtocolError.on(this, "invalid_surface_state", surface + " has a buffer attached or committed;"
                    + " an xdg_surface must start without one");
        }
        XdgSurfaceResource xdgSurface = new XdgSurfaceResource(shell, this, client(), id, version(), surface);
        surface.assignRole(xdgSurface, taken);
        surfaces.add(xdgSurface);
    }

    void surfaceDestroyed(XdgSurfaceResource xdgSurface) {
        surfaces.remove(xdgSurface);
    }

    private void ping() {
        int serial = client().display().nextSerial();
        unansweredPing = serial;
        send(XdgProtocol.WM_BASE_PING, serial);
        timer = shell.loop().schedule(this::checkAnswered, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void pong(int serial) {
        if (unansweredPing != null && unansweredPing == serial) {
            unansweredPing = null;
        }
    }

    private void checkAnswered() {
        if (isDestroyed() || client().isClosing()) {
            return;
        }
        if (unansweredPing != null) {
            client().postError(ProtocolError.on(this, "unresponsive", "no pong for ping "
                    + Integer.toUnsignedString(unansweredPing) + " within " + timeoutMillis + " ms")
                    .because(DisconnectReason.PING_TIMEOUT));
        } else {
            ping();
        }
    }

    @Override
    protected void onDestroy() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
