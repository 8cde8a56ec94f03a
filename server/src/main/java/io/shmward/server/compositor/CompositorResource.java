package io.shmward.server.compositor;

import io.shmward.protocol.wayland.WlCompositor;
import io.shmward.protocol.wayland.WlCompositor.CreateRegion;
import io.shmward.protocol.wayland.WlCompositor.CreateSurface;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_compositor}: makes surfaces and regions. */
final class CompositorResource extends Resource<WlCompositor.Request> {
    private final Compositor compositor;

    CompositorResource(Compositor compositor, Client client, int id, int version) {
        super(client, id, WlCompositor.TYPE, version);
        this.compositor = compositor;
    }

    @Override
    protected void onRequest(WlCompositor.Request request) {
        switch (request) {
            case CreateSurface(var id) -> new SurfaceResource(compositor, client(), id, version());
            case CreateRegion(var id) -> new RegionResource(client(), id);
        }
    }
}
