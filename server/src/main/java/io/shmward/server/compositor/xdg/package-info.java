/**
 * Stable xdg-shell (version 5): {@code xdg_wm_base} with ping/pong and a timeout that disconnects clients
 * that stop answering, {@code xdg_positioner}, {@code xdg_surface} with its configure/ack_configure serials,
 * {@code xdg_toplevel} (title, app id, size limits, states) and {@code xdg_popup} (placed by its positioner
 * with the constraint adjustments that keep it on the output, in the spec's order flip, slide, resize; no
 * grabs, there being no input).
 *
 * <p>Window management is that of a headless test compositor: every toplevel sits at the output's origin
 * and is configured to the output's size (within the client's size limits), and the newest toplevel that made its initial commit holds the
 * one focus ({@code activated}); when it goes, the next newest gets it back. The ordering errors are raised
 * where the conformance suite (WLCS) expects them: an xdg_surface for a surface with a buffer is
 * {@code xdg_wm_base.invalid_surface_state}; attaching a buffer to an xdg_surface without a role object,
 * or committing one before the first configure was acknowledged, is {@code xdg_surface.unconfigured_buffer}.
 */
package io.shmward.server.compositor.xdg;
