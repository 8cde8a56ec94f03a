package io.shmward.server.png;

import io.shmward.server.compositor.Snapshot;

/**
 * A copy of a surface's pixels in the client's own layout and format, safe to use on any thread.
 *
 * @param format a wl_shm.format name, e.g. {@code argb8888}
 */
public record PixelImage(int width, int height, int stride, String format, byte[] pixels) {
    public PixelImage {
        if ((long) stride * height > pixels.length) {
            throw new IllegalArgumentException(stride + " x " + height + " bytes do not fit in " + pixels.length);
        }
    }

    /** Copies {@code snapshot}'s pixels: on the event loop that owns it, or off it while it is pinned. */
    public static PixelImage of(Snapshot snapshot) {
        return new PixelImage(snapshot.width(), snapshot.height(), snapshot.stride(), snapshot.format().name(),
                snapshot.copyPixels());
    }
}
