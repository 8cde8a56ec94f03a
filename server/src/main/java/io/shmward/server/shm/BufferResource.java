package io.shmward.server.shm;

import io.shmward.protocol.wayland.WlBuffer;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.OffLoop;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wl_buffer} of a shm pool: a rectangle of pixels at an offset in the pool's memory. It holds a
 * reference to that memory for as long as it lives. Consumers read its pixels only through
 * {@link #copyInto}, which applies the configured reaction when the file turns out short.
 */
public final class BufferResource extends Resource<WlBuffer.Request> {
    private static final Logger log = LoggerFactory.getLogger(BufferResource.class);

    private final Shm shm;
    private final PoolMemory memory;
    private final BufferGeometry geometry;
    /**
     * True from a read that found the file short until a read that finds it whole again: one truncation
     * is one event, however many frames are read while it lasts.
     */
    private boolean inTruncation;

    BufferResource(Shm shm, Client client, int id, PoolMemory memory, long offset, int width, int height,
                   int stride, ShmFormat format) {
        super(client, id, WlBuffer.TYPE, 1);
        this.shm = shm;
        this.memory = memory;
        this.geometry = new BufferGeometry(offset, width, height, stride, format);
        shm.events().bufferCreated();
    }

    public int width() {
        return geometry.width();
    }

    public int height() {
        return geometry.height();
    }

    public int stride() {
        return geometry.stride();
    }

    public ShmFormat format() {
        return geometry.format();
    }

    /** Bytes an image of this buffer takes laid out as the buffer is: stride times height. */
    public long byteSize() {
        return geometry.byteSize();
    }

    @Override
    protected void onRequest(WlBuffer.Request request) {
        switch (request) {
            case WlBuffer.Destroy() -> destroy();
        }
    }

    /** Tells the client the server is done reading this buffer. */
    public void sendRelease() {
        sendEmpty(Shm.BUFFER_RELEASE);
    }

    /**
     * True when reading rectangle (x, y, w, h) must happen off the event loop
     * ({@link #copyIntoOffLoop}): the pool's file is not shmem, or the rectangle spans many megabytes.
     */
    public boolean readsOffLoop(int x, int y, int w, int h) {
        return memory.readsOffLoop(geometry.spanOf(x, y, w, h));
    }

    /**
     * Copies the pixels of the rectangle (x, y, w, h), clipped to the buffer, into {@code dst}, a native
     * segment laid out like the buffer ({@link #byteSize()} bytes, same stride), at the same offsets. On the
     * event loop: only for a rectangle {@link #readsOffLoop} allows there.
     *
     * <p>Reads happen while the buffer lives, at the commit that shows it or at the frame after it. libwayland
     * can find a destroyed wl_buffer at the end of an access (its SIGBUS is noticed late) and answers with an
     * implementation error; here a read after destroy is refused before it touches memory whose reference the
     * buffer has given back, and the dispatcher turns that bug into the same implementation error.
     *
     * @return true when {@code dst} holds the rectangle (with zeros where the file is short, under
     *     zero-fill); false when the client was sent an error for truncating, and must not be served further
     * @throws IllegalStateException when the buffer was destroyed
     */
    public boolean copyInto(MemorySegment dst, int x, int y, int w, int h) {
        if (isDestroyed()) {
            throw new IllegalStateException(this + " read after it was destroyed");
        }
        return finish(read(dst, x, y, w, h));
    }

    /**
     * As {@link #copyInto(MemorySegment, int, int, int, int)}, on a worker while this client's dispatch is
     * held; {@code done} gets the answer on the loop, false also when the read timed out (the client then
     * got invalid_fd) or the client went away. {@code dst} must stay valid until {@code done} runs.
     */
    public void copyIntoOffLoop(MemorySegment dst, int x, int y, int w, int h, Consumer<Boolean> done) {
        if (isDestroyed()) {
            throw new IllegalStateException(this + " read after it was destroyed");
        }
        memory.retain(); // the buffer may be destroyed before the worker is done; its memory may not
        OffLoop.LoopStep<Read> then = read -> {
            memory.release();
            done.accept(finish(read));
        };
        Runnable discard = () -> {
            memory.release();
            done.accept(false);
        };
        if (memory.isShmem()) {
            // only large: the copy takes as long as the memory takes, and waits on no one, so no time limit;
            // with every worker taken it is made here, slowly but safely, rather than refused
            if (!client().offLoop().runUntimed(client(), () -> read(dst, x, y, w, h), then, discard)) {
                memory.release();
                done.accept(finish(read(dst, x, y, w, h)));
            }
        } else {
            client().offLoop().run(client(), () -> read(dst, x, y, w, h), then, discard,
                    () -> ProtocolError.on(this, Shm.WL_SHM, "invalid_fd", "reading the pool took longer than "
                            + client().offLoop().limit().toMillis() + " ms"));
        }
    }

    /** Reads of this buffer so far, for choosing which to time (one at a time: the client waits for each). */
    private int reads;

    /** A read's outcome, how long it took, and the file's size when it came up short (else -1). */
    private record Read(ReadOutcome outcome, long nanos, long fileSize) {
    }

    /** Reads the rectangle; on a worker for a file that is not shmem, since every call here may block. */
    private Read read(MemorySegment dst, int x, int y, int w, int h) {
        boolean timed = (++reads & (ShmEvents.READS_TIMED_EVERY - 1)) == 0;
        long start = timed ? System.nanoTime() : 0;
        ReadOutcome outcome = geometry.copyRect(memory, dst, x, y, w, h);
        long nanos = timed ? System.nanoTime() - start : ShmEvents.UNTIMED;
        return new Read(outcome, nanos, outcome.isComplete() ? -1 : memory.currentFileSize());
    }

    /** Counts a read and applies the truncation reaction on the loop; false when the client was sent an error. */
    private boolean finish(Read read) {
        shm.events().consumed(read.outcome().requested(), read.nanos());
        if (read.outcome().isComplete()) {
            inTruncation = false;
            return true;
        }
        return react(read.outcome(), read.fileSize());
    }

    /** Copies the whole buffer; see {@link #copyInto(MemorySegment, int, int, int, int)}. */
    public boolean copyInto(MemorySegment dst) {
        return copyInto(dst, 0, 0, geometry.width(), geometry.height());
    }

    private boolean react(ReadOutcome outcome, long fileSize) {
        TruncationReaction reaction = shm.settings().reaction();
        boolean newEvent = !inTruncation || outcome.failure() == ReadOutcome.Failure.IO_ERROR;
        inTruncation = outcome.failure() == ReadOutcome.Failure.TRUNCATED;
        long zeros = reaction == TruncationReaction.ZERO_FILL ? outcome.zeroFilled() : 0;
        shm.events().readFailed(new ReadFailure(client(), id(), geometry.offset(), byteSize(), memory.size(), fileSize,
                outcome.failure(), outcome.errno(), outcome.zeroFilled(), reaction, zeros, newEvent));
        if (!newEvent) {
            return true; // zero-fill, same truncation as the last read: served, counted in bytes only
        }
        String what = outcome.failure() == ReadOutcome.Failure.TRUNCATED
                ? "truncated its pool file: " + this + " needs pool bytes [" + geometry.offset() + ", "
                        + (geometry.offset() + byteSize())
                        + "), the file now has " + fileSize + " (pool size " + memory.size() + ")"
                : "pool file of " + this + " failed to read (errno " + outcome.errno() + ")";
        log.warn("client {} {}; {} bytes missing, reaction {}", client(), what, outcome.zeroFilled(), reaction.configName());
        if (reaction == TruncationReaction.ZERO_FILL) {
            return true;
        }
        String message = outcome.failure() == ReadOutcome.Failure.TRUNCATED
                ? "error accessing SHM buffer" : "error reading SHM buffer (errno " + outcome.errno() + ")";
        client().postError(ProtocolError.on(this, Shm.WL_SHM, "invalid_fd", message).because(DisconnectReason.TRUNCATION));
        return false;
    }

    @Override
    protected void onDestroy() {
        shm.usageOf(client()).bufferDestroyed();
        shm.events().bufferDestroyed();
        memory.release();
    }
}
