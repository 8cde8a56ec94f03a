package io.shmward.server.shm;

import java.lang.foreign.MemorySegment;

/**
 * Where a buffer's pixels lie in its pool, and how a rectangle of them is copied out: from a mapped pool
 * row by row, straight from the mapping, unless the rows are whole and so one contiguous range (one copy
 * instead of a call per row: a full 1080-row frame copies about a fifth faster); from a pread pool, or a
 * large range of a mapped one with holes in it ({@link PoolMemory#readsByMapping}), in one read spanning the
 * rectangle's rows, the fewest system calls (undamaged bytes between rows come along, harmlessly: they are
 * the buffer's own).
 */
record BufferGeometry(long offset, int width, int height, int stride, ShmFormat format) {

    long byteSize() {
        return (long) stride * height;
    }

    /**
     * Copies rectangle (x, y, w, h), clipped to the buffer, into {@code dst} laid out like the buffer, at the
     * same offsets; an empty rectangle reads nothing.
     */
    ReadOutcome copyRect(PoolMemory memory, MemorySegment dst, int x, int y, int w, int h) {
        Clip c = clip(x, y, w, h);
        if (c == null) {
            return ReadOutcome.complete(0);
        }
        long rowBytes = c.rowBytes(format);
        long first = (long) c.y0() * stride + (long) c.x0() * format.bytesPerPixel();
        long span = c.span(stride, format);
        boolean byMapping = memory.readsByMapping(offset + first, span);
        if (rowBytes == stride || !byMapping) {
            return memory.read(offset + first, span, dst, first, byMapping);
        }
        ReadOutcome outcome = ReadOutcome.complete(0);
        for (int row = c.y0(); row < c.y1(); row++) {
            long at = first + (long) (row - c.y0()) * stride;
            outcome = outcome.then(memory.read(offset + at, rowBytes, dst, at, true));
        }
        return outcome;
    }

    /**
     * Bytes from the first to the last byte of rectangle (x, y, w, h) clipped to the buffer, rows between
     * included: what one read of it spans. 0 for an empty rectangle.
     */
    long spanOf(int x, int y, int w, int h) {
        Clip c = clip(x, y, w, h);
        return c == null ? 0 : c.span(stride, format);
    }

    /** Rectangle (x, y, w, h) clipped to the buffer, or null when nothing of it is inside. */
    private Clip clip(int x, int y, int w, int h) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = (int) Math.min(width, (long) x + Math.max(0, w));
        int y1 = (int) Math.min(height, (long) y + Math.max(0, h));
        return x0 >= x1 || y0 >= y1 ? null : new Clip(x0, y0, x1, y1);
    }

    /** A non-empty rectangle inside the buffer, columns x0..x1 and rows y0..y1 (ends excluded). */
    private record Clip(int x0, int y0, int x1, int y1) {
        long rowBytes(ShmFormat format) {
            return (long) (x1 - x0) * format.bytesPerPixel();
        }

        long span(int stride, ShmFormat format) {
            return (long) (y1 - y0 - 1) * stride + rowBytes(format);
        }
    }
}
