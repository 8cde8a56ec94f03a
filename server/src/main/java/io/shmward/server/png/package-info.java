/**
 * Pictures of what clients drew: surface snapshots copied off the event loop ({@link
 * io.shmward.server.png.PixelImage}, or a whole window with its sub-surfaces as a {@link
 * io.shmward.server.png.WindowImage}) and encoded as PNG, converting wl_shm's 32-bit formats (premultiplied
 * alpha in {@code argb8888} and kin, ignored alpha in {@code xrgb8888} and kin) to PNG's straight alpha and
 * blending sub-surfaces in premultiplied space. {@link io.shmward.server.png.LastFrames} keeps each
 * toplevel's last mapped picture for {@code shmward run --snapshot-dir}; the admin endpoint serves single
 * surfaces.
 */
package io.shmward.server.png;
