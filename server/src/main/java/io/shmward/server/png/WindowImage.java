package io.shmward.server.png;

import io.shmward.server.compositor.Snapshot;
import io.shmward.server.compositor.SurfaceLayer;
import io.shmward.server.compositor.SurfaceResource;
import java.util.ArrayList;
import java.util.List;

/**
 * A window as copies of its surfaces' pixels, bottom first, each at its offset in buffer pixels from the
 * main surface's origin: what {@link PngEncoder#encode(WindowImage)} composes into one picture.
 */
public record WindowImage(List<Layer> layers) {
    /** One surface's pixels and where its top-left corner goes. */
    public record Layer(PixelImage image, int x, int y) {
    }

    public WindowImage {
        layers = List.copyOf(layers);
    }

    /**
     * Copies {@code main}'s window: itself and its mapped sub-surfaces (offsets scaled by {@code main}'s
     * buffer scale), or just its own last content when it is not mapped. Call on the event loop.
     */
    public static WindowImage of(SurfaceResource main) {
        List<Layer> out = new ArrayList<>();
        for (SurfaceLayer l : main.layers()) {
            Snapshot shot = l.surface().snapshot();
            if (shot != null) {
                out.add(new Layer(PixelImage.of(shot), l.x() * main.scale(), l.y() * main.scale()));
            }
        }
        if (out.isEmpty() && main.snapshot() != null) {
            out.add(new Layer(PixelImage.of(main.snapshot()), 0, 0));
        }
        return new WindowImage(out);
    }
}
