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
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = (int) Math.min(width, (long) x + Math.max(0, w));
        int y1 = (int) Math.min(height, (long) y + Math.max(0, h));
        if (x0 >= x1 || y0 >= y1) {
            return ReadOutcome.complete(0);
        }
        long rowBytes = (long) (x1 - x0) * format.bytesPerPixel();
        long first = (long) y0 * stride + (long) x0 * format.bytesPerPixel();
        long span = span(y0, y1, rowBytes);
        boolean byMapping = memory.readsByMapping(offset + first, span);
        if (rowBytes == stride || !byMapping) {
            return memory.read(offset + first, span, dst, first, byMapping);
        }
        ReadOutcome outcome = ReadOutcome.complete(0);
        for (int row = y0; row < y1; row++) {
            long at = first + (long) (row - y0) * stride;
            outcome = outcome.then(memory.read(offset + at, rowBytes, dst, at, true));
        }
        return outcome;
    }

    /**
     * Bytes from the first to the last byte of rectangle (x, y, w, h) clipped to the buffer, rows between
     * included: what one read of it spans. 0 for an empty rectangle.
     */
    long spanOf(int x, int y, int w, int h) {
        int y0 = Math.max(0, y);
        int y1 = (int) Math.min(height, (long) y + Math.max(0, h));
        long columns = Math.min(width, (long) x + Math.max(0, w)) - Math.max(0, x);
        if (columns <= 0 || y0 >= y1) {
            return 0;
        }
        return span(y0, y1, columns * format.bytesPerPixel());
    }

    private long span(int y0, int y1, long rowBytes) {
        return (long) (y1 - y0 - 1) * stride + rowBytes;
    }
}
