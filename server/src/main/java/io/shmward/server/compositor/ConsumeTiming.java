package io.shmward.server.compositor;

import io.shmward.server.config.ConfigNames;

/** When a surface's committed buffer is read into its snapshot ({@code output.consume}). */
public enum ConsumeTiming {
    /** At the commit, every committed buffer, released once read. */
    COMMIT,
    /**
     * At the output's next frame, only the newest buffer each surface committed since the last one; a buffer
     * a newer commit replaces first is released unread (Weston's way).
     */
    ON_FRAME;

    public static ConsumeTiming fromConfigName(String name) {
        return ConfigNames.parse(ConsumeTiming.class, "output.consume", name);
    }
}
