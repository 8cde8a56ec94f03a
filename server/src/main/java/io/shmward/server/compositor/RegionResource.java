package io.shmward.server.compositor;

import io.shmward.protocol.wayland.WlRegion;
import io.shmward.protocol.wayland.WlRegion.Add;
import io.shmward.protocol.wayland.WlRegion.Destroy;
import io.shmward.protocol.wayland.WlRegion.Subtract;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code wl_region}. A headless compositor has no use for exact region shapes (no input, no occlusion), so
 * a region is kept as the bounding box of what was added; subtracting never grows it.
 */
final class RegionResource extends Resource<WlRegion.Request> {
    private Rect bounds = Rect.EMPTY;

    RegionResource(Client client, int id) {
        super(client, id, WlRegion.TYPE, 1);
    }

    Rect bounds() {
        return bounds;
    }

    @Override
    protected void onRequest(WlRegion.Request request) {
        switch (request) {
            case Destroy() -> destroy();
            case Add(var x, var y, var width, var height) -> bounds = bounds.union(new Rect(x, y, width, height));
            case Subtract(_, _, _, _) -> {
                // bookkeeping only: the bounding box stays an upper bound
            }
        }
    }
}
