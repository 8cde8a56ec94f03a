package io.shmward.server.compositor;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.server.shm.BufferResource;
import io.shmward.server.shm.ShmFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What a surface last showed: a copy of its buffer's pixels in the buffer's own layout, kept up to date
 * damage band by damage band. Owned by the event loop; {@link #copyPixels()} hands others a private copy.
 */
public final class Snapshot implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pixels;
    private final int width;
    private final int height;
    private final int stride;
    private final ShmFormat format;
    /**
     * Threads off the event loop using the pixels now (a worker writing a read into them, the admin endpoint
     * copying them out); the memory stays until the last is done.
     */
    private int pins;
    private boolean closeWhenUnpinned;

    private Snapshot(int width, int height, int stride, ShmFormat format) throws OsException {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.format = format;
        // fresh anonymous pages read as zeros and cost nothing until written, so a new snapshot is not
        // zeroed by hand before the copy writes it (Arena.allocate would: a 1 GiB snapshot was a second
        // full pass over memory on the event loop)
        this.pixels = Libc.mmap(arena, (long) stride * height, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
    }

    /** True when {@code current} exists and is laid out as {@code buffer} is, so it can take its pixels. */
    static boolean fits(BufferResource buffer, Snapshot current) {
        return current != null && current.width == buffer.width() && current.height == buffer.height()
                && current.stride == buffer.stride() && current.format.equals(buffer.format());
    }

    /**
     * A fresh snapshot laid out as {@code buffer} is: {@link BufferResource#byteSize()} bytes.
     *
     * @throws OsException when the memory cannot be had (ENOMEM)
     */
    static Snapshot shapedLike(BufferResource buffer) throws OsException {
        return new Snapshot(buffer.width(), buffer.height(), buffer.stride(), buffer.format());
    }

    /** Bytes of memory the pixels take. */
    long byteSize() {
        return pixels.byteSize();
    }

    /**
     * Copies the damaged part of {@code buffer} in, and runs {@code served} once the pixels are here: at once
     * when the read may run on the event loop, later when it must not (a file that is not shmem, a very
     * large range: the buffer's client waits meanwhile, see {@link BufferResource#readsOffLoop}).
     *
     * @return false when the client was disconnected for truncating (a read on the loop); a read off the
     *     loop reports that, or a timeout, by not running {@code served}
     */
    boolean update(BufferResource buffer, Rect damage, Runnable served) {
        Rect clipped = damage.intersect(new Rect(0, 0, width, height));
        if (clipped.isEmpty()) {
            served.run();
            return true;
        }
        int x = (int) clipped.x();
        int y = (int) clipped.y();
        int w = (int) clipped.width();
        int h = (int) clipped.height();
        if (!buffer.readsOffLoop(x, y, w, h)) {
            if (!buffer.copyInto(pixels, x, y, w, h)) {
                return false;
            }
            served.run();
            return true;
        }
        pin();
        buffer.copyIntoOffLoop(pixels, x, y, w, h, ok -> {
            unpin();
            if (ok) {
                served.run();
            }
        });
        return true;
    }

    /**
     * Keeps the pixels' memory alive for a use off the event loop, until {@link #unpin()}; both on the loop.
     * A pinned snapshot may still change under the user (its surface's next commit writes it): a copy taken
     * meanwhile can mix two frames, never read freed memory.
     */
    public void pin() {
        pins++;
    }

    public void unpin() {
        if (--pins == 0 && closeWhenUnpinned) {
            arena.close();
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int stride() {
        return stride;
    }

    public ShmFormat format() {
        return format;
    }

    /**
     * The pixels, stride by height bytes, read-only; valid on the event loop until the surface's next
     * commit. Use {@link #copyPixels()} to take them elsewhere.
     */
    public MemorySegment pixels() {
        return pixels.asReadOnly();
    }

    /** The pixels, stride by height bytes, copied onto the heap: on the event loop, or off it while pinned. */
    public byte[] copyPixels() {
        return pixels.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** Frees the pixels, or, while they are pinned, once the last user is done. */
    @Override
    public void close() {
        if (pins > 0) {
            closeWhenUnpinned = true;
        } else {
            arena.close();
        }
    }
}
