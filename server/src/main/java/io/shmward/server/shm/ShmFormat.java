package io.shmward.server.shm;

/** A pixel format a client may use: its wl_shm.format code and name, and its bytes per pixel. */
public record ShmFormat(String name, int code, int bytesPerPixel) {

    /** The smallest stride that holds {@code width} pixels. */
    public long minStride(int width) {
        return (long) width * bytesPerPixel;
    }
}
