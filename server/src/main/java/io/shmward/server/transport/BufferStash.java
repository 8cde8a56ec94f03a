package io.shmward.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size for a loop's connections, lent while a connection has bytes to hold and
 * taken back when it is empty. An idle client holds no buffer, and a busy one does not go through the
 * pool's allocation, its bookkeeping and its leak sampling twice per round trip. A buffer that grew past
 * the common size goes back to the pool instead, so the stash never holds more than its few spares.
 */
final class BufferStash {
    /** Twice the largest message, so a partial message always leaves room for the rest of it. */
    static final int SIZE = 2 * io.shmward.protocol.wire.Wire.MAX_MESSAGE_SIZE;
    private static final int SPARES = 64;

    private final ArrayDeque<ByteBuf> spares = new ArrayDeque<>();

    /** An empty direct buffer of {@link #SIZE} bytes or more; its memory address is stable until it grows. */
    ByteBuf take() {
        ByteBuf b = spares.poll();
        return b != null ? b : PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
    }

    /** Takes {@code b} back; the caller no longer uses it. */
    void giveBack(ByteBuf b) {
        if (b.capacity() == SIZE && spares.size() < SPARES) {
            spares.push(b.clear());
        } else {
            b.release();
        }
    }

    void releaseAll() {
        ByteBuf b;
        while ((b = spares.poll()) != null) {
            b.release();
        }
    }
}
