package io.shmward.server.compositor;

/**
 * One surface of a composed window: the surface and where its top-left corner sits relative to the main
 * surface's origin, in surface coordinates.
 */
public record SurfaceLayer(SurfaceResource surface, int x, int y) {
}
