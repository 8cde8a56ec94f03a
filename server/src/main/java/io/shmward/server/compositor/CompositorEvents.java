package io.shmward.server.compositor;

/**
 * What the compositor reports as surfaces change; metrics and the snapshot keeper of {@code shmward run}
 * listen. Called on the event loop, with the surface's state readable during the call.
 */
public interface CompositorEvents {
    /** A commit of {@code surface} took effect. */
    default void committed(SurfaceResource surface) {
    }

    /**
     * A buffer was released without being read: a newer commit replaced it, or its surface went away, before
     * the output's frame read it ({@code output.consume: on-frame}).
     */
    default void bufferReleasedUnread() {
    }

    /**
     * A commit is about to remove {@code surface}'s content (a null buffer attached); its content and its
     * window's layers are still readable during the call.
     */
    default void unmapping(SurfaceResource surface) {
    }

    /**
     * {@code surface} is being destroyed (by its client, or because the client left); its last
     * {@link SurfaceResource#snapshot() snapshot} is still readable and is released right after this call.
     */
    default void surfaceDestroying(SurfaceResource surface) {
    }
}
