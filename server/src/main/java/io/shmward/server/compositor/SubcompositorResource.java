package io.shmward.server.compositor;

import io.shmward.protocol.wayland.WlSubcompositor;
import io.shmward.protocol.wayland.WlSubcompositor.Destroy;
import io.shmward.protocol.wayland.WlSubcompositor.GetSubsurface;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_subcompositor}: turns surfaces into sub-surfaces of others. */
final class SubcompositorResource extends Resource<WlSubcompositor.Request> {
    /**
     * The most surfaces one chain of sub-surfaces may hold, its window's surface included. Real clients nest
     * two or three levels; walks of a window's tree (applying cached state, composing layers) recurse, and a
     * client that nested 20,000 levels overflowed the event loop's stack. Past the bound a client gets
     * no_memory, like every other per-client limit.
     */
    static final int MAX_NESTING = 100;

    SubcompositorResource(Client client, int id, int version) {
        super(client, id, WlSubcompositor.TYPE, version);
    }

    @Override
    protected void onRequest(WlSubcompositor.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroy();
            case GetSubsurface(var id, var surface, var parent) -> getSubsurface(id, surface(surface), surface(parent));
        }
    }

    private void getSubsurface(int id, SurfaceResource surface, SurfaceResource parent) throws ProtocolError {
        if (surface.role() != null || (surface.roleName() != null && !surface.roleName().equals(SubsurfaceResource.ROLE))) {
            throw ProtocolError.on(this, "bad_surface", surface + " already has the role "
                    + (surface.roleName() != null ? surface.roleName() : "of an xdg_surface"));
        }
        int above = 0;
        for (SurfaceResource s = parent; s != null; s = s.parentSurface()) {
            if (s == surface) {
                throw ProtocolError.on(this, "bad_parent", parent + " is " + surface + " or one of its descendants");
            }
            above++;
        }
        if (above + 1 + surface.subsurfaceLevels() > MAX_NESTING) {
            throw ProtocolError.limitExceeded("sub-surface nesting limit of " + MAX_NESTING);
        }
        SubsurfaceResource subsurface = new SubsurfaceResource(client(), id, surface, parent);
        surface.assignRole(subsurface, ProtocolError.on(this, "bad_surface", surface + " already has a role"));
        parent.adoptChild(surface);
    }

    private SurfaceResource surface(int id) {
        return (SurfaceResource) client().objects().get(id);
    }
}
