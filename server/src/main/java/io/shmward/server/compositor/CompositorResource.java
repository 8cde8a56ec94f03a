package io.shmward.server.compositor;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_compositor}: makes surfaces and regions. */
final class CompositorResource extends Resource {
    private final Compositor compositor;

    CompositorResource(Compositor compositor, Client client, int id, int version) {
        super(client, id, CompositorProtocol.WL_COMPOSITOR, version);
        this.compositor = compositor;
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "create_surface" -> new SurfaceResource(compositor, client(), r.intArg(0), version());
            case "create_region" -> new RegionResource(client(), r.intArg(0));
            default -> throw unhandled(r);
        }
    }
}
