package io.shmward.server.compositor;

import io.shmward.protocol.wayland.WlSubsurface;
import io.shmward.protocol.wayland.WlSubsurface.Destroy;
import io.shmward.protocol.wayland.WlSubsurface.PlaceAbove;
import io.shmward.protocol.wayland.WlSubsurface.PlaceBelow;
import io.shmward.protocol.wayland.WlSubsurface.SetDesync;
import io.shmward.protocol.wayland.WlSubsurface.SetPosition;
import io.shmward.protocol.wayland.WlSubsurface.SetSync;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_subsurface}: the role that ties a surface to a parent. Its position is parent state (applied
 * when the parent's state is); its mode decides whether the surface's commits are cached until then. A
 * sub-surface is synchronized when it, or any ancestor sub-surface, is in synchronized mode.
 */
final class SubsurfaceResource extends Resource<WlSubsurface.Request> implements SurfaceRole {
    static final String ROLE = "wl_subsurface";

    private final SurfaceResource surface;
    private SurfaceResource parent;
    private boolean sync = true;
    private int pendingX;
    private int pendingY;
    private int x;
    private int y;

    SubsurfaceResource(Client client, int id, SurfaceResource surface, SurfaceResource parent) {
        super(client, id, WlSubsurface.TYPE, 1);
        this.surface = surface;
        this.parent = parent;
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    @Override
    protected void onRequest(WlSubsurface.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroy();
            case SetPosition(var newX, var newY) -> {
                pendingX = newX;
                pendingY = newY;
            }
            case PlaceAbove(var sibling) -> place(sibling, true);
            case PlaceBelow(var sibling) -> place(sibling, false);
            case SetSync() -> sync = true;
            case SetDesync() -> setDesync();
        }
    }

    /** The parent surface, or null once it was destroyed. */
    SurfaceResource parent() {
        return parent;
    }

    int x() {
        return x;
    }

    int y() {
        return y;
    }

    @Override
    public boolean cachesCommits() {
        return isSynchronized();
    }

    /** In synchronized mode itself, or below a sub-surface that is. */
    boolean isSynchronized() {
        return sync || parent != null && parent.role() instanceof SubsurfaceResource above && above.isSynchronized();
    }

    /** The parent's state was applied: the position set since takes effect. */
    void parentApplied() {
        x = pendingX;
        y = pendingY;
    }

    /** The parent is gone: the sub-surface is unmapped and stays so. */
    void parentDestroyed() {
        parent = null;
    }

    private void place(int siblingId, boolean above) throws ProtocolError {
        SurfaceResource reference = (SurfaceResource) client().objects().get(siblingId);
        if (parent == null || !parent.restack(surface, reference, above)) {
            throw ProtocolError.on(this, "bad_surface", reference + " is neither a sibling nor the parent of " + surface);
        }
    }

    /** Switching to desynchronized mode applies what was cached, unless an ancestor still holds it back. */
    private void setDesync() throws ProtocolError {
        sync = false;
        if (!isSynchronized()) {
            surface.applyCached();
        }
    }

    /** Destroying the sub-surface unmaps its surface at once and forgets its place; the role name stays. */
    @Override
    protected void onDestroy() {
        if (parent != null) {
            parent.dropChild(surface);
        }
        surface.releaseRole(this);
    }
}
