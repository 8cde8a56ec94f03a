package io.shmward.server.compositor.xdg;

import io.shmward.server.core.ProtocolError;

/** What an xdg_surface's role object (toplevel or popup) adds to the surface's life cycle. */
sealed interface XdgRole permits ToplevelResource, PopupResource {
    /** The surface role's name: "xdg_toplevel" or "xdg_popup". */
    String roleName();

    /** Checks the role's double-buffered state before a commit applies it. */
    default void checkCommit() throws ProtocolError {
    }

    /** A commit applied the role's double-buffered state. */
    default void applyCommit() {
    }

    /** The initial commit arrived; the first configure sequence follows at once. */
    default void initialized() {
    }

    /** Sends the role's events of a configure sequence; xdg_surface.configure follows them. */
    void sendConfigureEvents();

    /** The surface got its first buffer since it was initialized. */
    default void mapped() {
    }

    /** The surface lost its buffer, or its role object is going: it must start over with an initial commit. */
    default void withdrawn() {
    }
}
