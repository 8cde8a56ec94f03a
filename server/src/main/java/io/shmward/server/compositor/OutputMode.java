package io.shmward.server.compositor;

/**
 * The virtual output's one mode: its size in pixels, its refresh rate in millihertz (the unit of
 * {@code wl_output.mode}), which is also the frame clock's rate, and its integer scale (a HiDPI output at 2:
 * windows are configured in logical pixels, the mode's divided by the scale, and clients are asked for
 * buffers at that scale).
 */
public record OutputMode(int width, int height, int refreshMilliHz, int scale) {
    public OutputMode {
        if (width <= 0 || height <= 0 || refreshMilliHz <= 0 || scale <= 0) {
            throw new IllegalArgumentException("output mode " + width + "x" + height + "@" + refreshMilliHz
                    + " mHz, scale " + scale + ": every value must be positive");
        }
    }

    /** The width windows are laid out in: the mode's, in logical pixels. */
    public int logicalWidth() {
        return width / scale;
    }

    /** The height windows are laid out in: the mode's, in logical pixels. */
    public int logicalHeight() {
        return height / scale;
    }
}
