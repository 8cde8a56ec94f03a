/**
 * The compositor objects a headless test compositor needs: {@code wl_compositor}, {@code wl_surface} with
 * its double-buffered state, {@code wl_region}, {@code wl_subcompositor}/{@code wl_subsurface}, the one
 * virtual {@code wl_output} with its frame clock, and each surface's snapshot of what it last showed.
 *
 * <p>On commit an attached shm buffer is consumed at once (copied, damage band by damage band, through the
 * shm access path) into the surface's snapshot and released, so a client may reuse or destroy its buffer
 * right after the release, and what the client drew can be inspected at any time. A copy that must not run
 * on the event loop (a pool file that is not shmem, a range of 16 MiB or more) runs on a worker while the
 * client waits; the commit takes effect at once, the pixels and the release follow, and the snapshot's
 * memory lives until the worker is done with it. With {@code output.consume: on-frame} the same read
 * happens at the output's next frame instead, for the newest buffer each surface committed, and replaced
 * buffers are released unread ({@link io.shmward.server.compositor.FrameIntake}). A synchronized
 * sub-surface's commits are cached and applied when its parent's state is; {@link
 * io.shmward.server.compositor.SurfaceResource#layers()} gives a window's surfaces in paint order.
 *
 * <p>The snapshots are the server's own memory, so each client's share is bounded
 * ({@code limits.content-bytes-per-client}), as is the depth of a sub-surface tree, which is walked
 * recursively. The output may be HiDPI ({@code output.scale}): windows are then configured in logical
 * pixels and surfaces asked for buffers at that scale.
 *
 * <p>Observers (metrics, the snapshot keeper of {@code shmward run}) hear of commits, unmappings and
 * destructions through {@link io.shmward.server.compositor.CompositorEvents}; surfaces have server-wide
 * serials, since object ids repeat across clients.
 *
 * <p>Roles live in their own packages ({@code xdg} for windows) and plug in through {@link
 * io.shmward.server.compositor.SurfaceRole}; the seat and clipboard are in {@code seat}.
 */
package io.shmward.server.compositor;
