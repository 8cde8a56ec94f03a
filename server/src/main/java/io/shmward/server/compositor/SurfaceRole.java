package io.shmward.server.compositor;

import io.shmward.server.core.ProtocolError;

/**
 * The live object playing a surface's role (a wl_subsurface, an xdg_surface...). It sees the surface's
 * attaches and commits, to enforce its ordering rules and to react once a commit took effect. The role
 * itself (its name) stays with the surface for good; the object may go away before the surface does.
 */
public interface SurfaceRole {
    /**
     * The role's name, e.g. "xdg_toplevel"; null while the object has not decided yet (an xdg_surface
     * before get_toplevel or get_popup).
     */
    String roleName();

    /** Checks a {@code wl_surface.attach} before it is recorded; {@code withBuffer} is false for a null buffer. */
    default void beforeAttach(SurfaceResource surface, boolean withBuffer) throws ProtocolError {
    }

    /**
     * Checks a commit before it takes effect; throws the role's protocol error when it must not.
     *
     * @param attaches   the commit carries an attach request
     * @param withBuffer the surface will have a buffer after the commit
     */
    default void beforeCommit(SurfaceResource surface, boolean attaches, boolean withBuffer) throws ProtocolError {
    }

    /** True when commits must be cached rather than applied (a synchronized sub-surface). */
    default boolean cachesCommits() {
        return false;
    }

    /** Committed state took effect (from a commit, or from the cache when the parent's state was applied). */
    default void afterCommit(SurfaceResource surface) {
    }
}
