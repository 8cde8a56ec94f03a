package io.shmward.server.shm;

import io.shmward.server.config.ConfigNames;

/** What the server does when a buffer's file turns out shorter than the buffer. */
public enum TruncationReaction {
    /**
     * The MAP_NOSIGBUS patch's semantics: missing bytes read as zeros and the client keeps running; and
     * since every read goes to the file again, bytes reappear when the file grows back.
     */
    ZERO_FILL,
    /** libwayland-server's (and Smithay's): wl_shm.error.invalid_fd on the wl_buffer, then disconnect. */
    ERROR;

    /** The spelling in configuration files and on the command line: {@code zero-fill}, {@code error}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    public static TruncationReaction fromConfigName(String name) {
        return ConfigNames.parse(TruncationReaction.class, "truncation reaction", name);
    }
}
