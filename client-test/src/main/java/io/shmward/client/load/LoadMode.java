package io.shmward.client.load;

/** What each load client repeats. */
public enum LoadMode {
    /**
     * A frame: take a released buffer (waiting for {@code wl_buffer.release} when both are held), fill it,
     * attach + damage_buffer + commit, with a {@code wl_display.sync} in the same write; the frame counts when
     * the sync's done arrives, i.e. the compositor has applied the commit. Frame callbacks are not waited for:
     * they pace a client to the output's refresh rate and would measure the clock, not the compositor.
     */
    COMMIT,
    /** A {@code wl_display.sync} round trip. */
    SYNC
}
