package io.shmward.server.compositor;

/** An axis-aligned rectangle; empty when width or height is not positive. All arithmetic in 64 bits. */
public record Rect(long x, long y, long width, long height) {
    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    /** The smallest rectangle holding both. */
    public Rect union(Rect other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        long x0 = Math.min(x, other.x);
        long y0 = Math.min(y, other.y);
        long x1 = Math.max(x + width, other.x + other.width);
        long y1 = Math.max(y + height, other.y + other.height);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public Rect intersect(Rect other) {
        long x0 = Math.max(x, other.x);
        long y0 = Math.max(y, other.y);
        long x1 = Math.min(x + width, other.x + other.width);
        long y1 = Math.min(y + height, other.y + other.height);
        return x1 <= x0 || y1 <= y0 ? EMPTY : new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public Rect scaled(long factor) {
        if (factor == 1 || isEmpty()) {
            return this; // the common case, on every commit
        }
        return new Rect(x * factor, y * factor, width * factor, height * factor);
    }
}
