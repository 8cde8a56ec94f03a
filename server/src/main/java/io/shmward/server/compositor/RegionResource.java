package io.shmward.server.compositor;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_region}. A headless compositor has no use for exact region shapes (no input, no occlusion), so
 * a region is kept as the bounding box of what was added; subtracting never grows it.
 */
final class RegionResource extends Resource {
    private Rect bounds = Rect.EMPTY;

    RegionResource(Client client, int id) {
        super(client, id, CompositorProtocol.WL_REGION, 1);
    }

    Rect bounds() {
        return bounds;
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "destroy" -> destroy();
            case "add" -> bounds = bounds.union(new Rect(r.intArg(0), r.intArg(1), r.intArg(2), r.intArg(3)));
            case "subtract" -> {
                // bookkeeping only: the bounding box stays an upper bound
            }
            default -> throw unhandled(r);
        }
    }
}
