package io.shmward.server.compositor;

import io.shmward.server.core.ProtocolError;

/**
 * A surface's role (xdg_toplevel, subsurface...), given once and for good. The role sees each commit:
 * before it is applied (to enforce its ordering rules) and after.
 */
public interface SurfaceRole {
    /** The role's name in error messages, e.g. "xdg_toplevel". */
    String roleName();

    /**
     * Checks a commit before it takes effect; throws the role's protocol error when it must not.
     *
     * @param attaches   the commit carries an attach request
     * @param withBuffer the surface will have a buffer after the commit
     */
    default void beforeCommit(SurfaceResource surface, boolean attaches, boolean withBuffer) throws ProtocolError {
    }

    /** The commit took effect. */
    default void afterCommit(SurfaceResource surface) {
    }
}
