package io.shmward.server.compositor;

/**
 * The virtual output's one mode: its size in pixels and its refresh rate in millihertz (the unit of
 * {@code wl_output.mode}), which is also the frame clock's rate.
 */
public record OutputMode(int width, int height, int refreshMilliHz) {
    public OutputMode {
        if (width <= 0 || height <= 0 || refreshMilliHz <= 0) {
            throw new IllegalArgumentException("output mode " + width + "x" + height + "@" + refreshMilliHz
                    + " mHz: every value must be positive");
        }
    }
}
