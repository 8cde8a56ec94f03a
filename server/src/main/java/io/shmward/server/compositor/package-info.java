/**
 * The compositor objects a headless test compositor needs: {@code wl_compositor}, {@code wl_surface} with
 * its double-buffered state, {@code wl_region}, the frame clock, and each surface's snapshot of what it
 * last showed. On commit an attached shm buffer is consumed at once (copied, damage band by damage band,
 * through the shm access path) into the surface's snapshot and released, so a client may reuse or destroy
 * its buffer right after the release, and what the client drew can be inspected at any time.
 */
package io.shmward.server.compositor;
