package io.shmward.server.compositor.xdg;

/**
 * One axis of an xdg_positioner's rules, and the constraint adjustments along it in the spec's precedence
 * (flip, then slide, then resize), which keep a popup inside its bounds where the client allows it.
 *
 * @param anchorStart  where the anchor rectangle starts on this axis
 * @param anchorLength its length on this axis
 * @param anchor       which edge of the anchor rectangle the anchor point is on
 * @param gravity      which way the popup extends from the anchor point
 */
record PlacementAxis(int anchorStart, int anchorLength, Side anchor, Side gravity, int offset, int size,
                     boolean flip, boolean slide, boolean resize) {

    /** An edge along one axis: left or top (LOW), right or bottom (HIGH), or neither (CENTER). */
    enum Side {
        LOW, CENTER, HIGH;

        Side inverted() {
            return this == LOW ? HIGH : this == HIGH ? LOW : CENTER;
        }
    }

    /** Where the popup starts with no adjustment. */
    int unconstrainedStart() {
        int point = anchorStart + switch (anchor) {
            case LOW -> 0;
            case CENTER -> anchorLength / 2;
            case HIGH -> anchorLength;
        };
        int start = switch (gravity) {
            case LOW -> point - size;
            case CENTER -> point - size / 2;
            case HIGH -> point;
        };
        return start + offset;
    }

    /** {start, length} of the popup on this axis within [boundsStart, boundsStart + boundsLength), as allowed. */
    int[] place(int boundsStart, int boundsLength) {
        int boundsEnd = boundsStart + boundsLength;
        int start = unconstrainedStart();
        int length = size;
        if (flip && outside(start, length, boundsStart, boundsEnd)) {
            // the original anchor rectangle and offset, with anchor and gravity inverted; kept only if it fits
            int flipped = new PlacementAxis(anchorStart, anchorLength, anchor.inverted(), gravity.inverted(), offset,
                    size, false, false, false).unconstrainedStart();
            if (!outside(flipped, length, boundsStart, boundsEnd)) {
                start = flipped;
            }
        }
        if (slide && outside(start, length, boundsStart, boundsEnd)) {
            // first towards the gravity, then back the other way, each until an edge stops it
            start = gravity == Side.LOW
                    ? slideTowardsHigh(slideTowardsLow(start, length, boundsStart, boundsEnd), length, boundsStart, boundsEnd)
                    : slideTowardsLow(slideTowardsHigh(start, length, boundsStart, boundsEnd), length, boundsStart, boundsEnd);
        }
        if (resize && outside(start, length, boundsStart, boundsEnd)) {
            int clippedStart = Math.max(start, boundsStart);
            int clippedEnd = Math.min(start + length, boundsEnd);
            if (clippedEnd > clippedStart) {
                start = clippedStart;
                length = clippedEnd - clippedStart;
            }
        }
        return new int[] {start, length};
    }

    /** Moved up until the low edge is inside or the high edge reaches the bound. */
    private static int slideTowardsHigh(int start, int length, int boundsStart, int boundsEnd) {
        return Math.max(start, Math.min(boundsStart, boundsEnd - length));
    }

    /** Moved down until the high edge is inside or the low edge reaches the bound. */
    private static int slideTowardsLow(int start, int length, int boundsStart, int boundsEnd) {
        return Math.min(start, Math.max(boundsEnd - length, boundsStart));
    }

    private static boolean outside(int start, int length, int boundsStart, int boundsEnd) {
        return start < boundsStart || start + length > boundsEnd;
    }
}
