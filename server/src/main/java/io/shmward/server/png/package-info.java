/**
 * Pictures of what clients drew: a surface's snapshot copied off the event loop as a {@link
 * io.shmward.server.png.PixelImage} and encoded as PNG, converting wl_shm's 32-bit formats (premultiplied
 * alpha in {@code argb8888} and kin, ignored alpha in {@code xrgb8888} and kin) to PNG's straight alpha.
 * Used by the admin endpoint and by {@code shmward run --snapshot-dir}.
 */
package io.shmward.server.png;
