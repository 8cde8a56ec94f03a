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
    SYNC,
    /**
     * Nothing: each client sets up as a real one does (registry, {@code wl_compositor}, {@code wl_shm},
     * {@code xdg_wm_base}, one {@code xdg_toplevel} configured and acknowledged, no buffer) and then only
     * answers pings; one round trip each at the end says whether it is still served. What a server holds per
     * connected client is measured this way.
     */
    IDLE
}
