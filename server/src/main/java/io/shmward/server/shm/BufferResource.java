package io.shmward.server.shm;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wl_buffer} of a shm pool: a rectangle of pixels at an offset in the pool's memory. It holds a
 * reference to that memory for as long as it lives. Consumers read its pixels only through
 * {@link #copyInto}, which applies the configured reaction when the file turns out short.
 */
public final class BufferResource extends Resource {
    private static final Logger log = LoggerFactory.getLogger(BufferResource.class);

    private final Shm shm;
    private final PoolMemory memory;
    private final long offset;
    private final int width;
    private final int height;
    private final int stride;
    private final ShmFormat format;

    BufferResource(Shm shm, Client client, int id, PoolMemory memory, long offset, int width, int height,
                   int stride, ShmFormat format) {
        super(client, id, Shm.WL_BUFFER, 1);
        this.shm = shm;
        this.memory = memory;
        this.offset = offset;
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.format = format;
        shm.events().bufferCreated();
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

    /** Bytes an image of this buffer takes laid out as the buffer is: stride times height. */
    public long byteSize() {
        return (long) stride * height;
    }

    @Override
    protected void onRequest(Message request) throws ProtocolError {
        if (!request.name().equals("destroy")) {
            throw unhandled(request);
        }
        destroy();
    }

    /** Tells the client the server is done reading this buffer. */
    public void sendRelease() {
        send(Shm.BUFFER_RELEASE);
    }

    /**
     * Copies the pixels of the rectangle (x, y, w, h), clipped to the buffer, into {@code dst}, a native
     * segment laid out like the buffer ({@link #byteSize()} bytes, same stride), at the same offsets. A
     * mapped pool is read row by row straight from the mapping; a pread pool in one read covering the
     * rectangle's rows, the fewest system calls.
     *
     * @return true when {@code dst} holds the rectangle (with zeros where the file is short, under
     *     zero-fill); false when the client was sent an error for truncating, and must not be served further
     */
    public boolean copyInto(MemorySegment dst, int x, int y, int w, int h) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = (int) Math.min(width, (long) x + Math.max(0, w));
        int y1 = (int) Math.min(height, (long) y + Math.max(0, h));
        if (x0 >= x1 || y0 >= y1) {
            return true;
        }
        long start = System.nanoTime();
        long rowBytes = (long) (x1 - x0) * format.bytesPerPixel();
        long first = (long) y0 * stride + (long) x0 * format.bytesPerPixel();
        ReadOutcome outcome;
        if (memory.isMapped()) {
            outcome = ReadOutcome.complete(0);
            for (int row = y0; row < y1; row++) {
                long at = first + (long) (row - y0) * stride;
                outcome = outcome.then(memory.read(offset + at, rowBytes, dst, at));
            }
        } else {
            long span = (long) (y1 - y0 - 1) * stride + rowBytes;
            outcome = memory.read(offset + first, span, dst, first);
        }
        shm.events().consumed(outcome.requested(), System.nanoTime() - start);
        return outcome.isComplete() || react(outcome);
    }

    /** Copies the whole buffer; see {@link #copyInto(MemorySegment, int, int, int, int)}. */
    public boolean copyInto(MemorySegment dst) {
        return copyInto(dst, 0, 0, width, height);
    }

    private boolean react(ReadOutcome outcome) {
        TruncationReaction reaction = shm.settings().reaction();
        long fileSize = memory.currentFileSize();
        shm.events().readFailed(new ReadFailure(client(), id(), offset, byteSize(), memory.size(), fileSize,
                outcome.failure(), outcome.errno(), outcome.zeroFilled(), reaction,
                reaction == TruncationReaction.ZERO_FILL ? outcome.zeroFilled() : 0));
        String what = outcome.failure() == ReadOutcome.Failure.TRUNCATED
                ? "truncated its pool file: " + this + " needs pool bytes [" + offset + ", " + (offset + byteSize())
                        + "), the file now has " + fileSize + " (pool size " + memory.size() + ")"
                : "pool file of " + this + " failed to read (errno " + outcome.errno() + ")";
        log.warn("client {} {}; {} bytes missing, reaction {}", client(), what, outcome.zeroFilled(), reaction.configName());
        if (reaction == TruncationReaction.ZERO_FILL) {
            return true;
        }
        String message = outcome.failure() == ReadOutcome.Failure.TRUNCATED
                ? "error accessing SHM buffer" : "error reading SHM buffer (errno " + outcome.errno() + ")";
        ProtocolError error = isDestroyed()
                ? ProtocolError.display("implementation", message + " of a destroyed wl_buffer")
                : ProtocolError.on(this, Shm.WL_SHM, "invalid_fd", message);
        client().postError(error.because(DisconnectReason.TRUNCATION));
        return false;
    }

    @Override
    protected void onDestroy() {
        shm.usageOf(client()).bufferDestroyed();
        shm.events().bufferDestroyed();
        memory.release();
    }
}
