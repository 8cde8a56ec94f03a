package io.shmward.server.transport;

import io.shmward.protocol.wire.FdSink;
import io.shmward.server.fd.FdCloser;
import java.util.Arrays;

/**
 * The fds of a connection's queued events, each with where its message starts in the output buffer, so
 * that every fd reaches the client no later than the first byte of its message: the kernel delivers a
 * sendmsg's fds with its first byte, and a client decodes a message only once it has its fds.
 *
 * <p>At most {@link #FDS_PER_SEND} ride on one sendmsg, libwayland's own limit: its clients receive into
 * room for no more, and the kernel drops (closes) what does not fit. A batch's bytes therefore stop where
 * the message of the next batch's first fd starts.
 *
 * <p>The fds are ours once queued; our copies are closed through the client's {@link FdCloser} account
 * once sent (they may be other clients' files, whose close could wait).
 */
final class OutboundFds implements FdSink {
    static final int FDS_PER_SEND = 28;

    private final FdCloser.Account closer;
    private int[] fds = new int[4];
    private int[] starts = new int[4];
    private int count;
    private int sent;
    private int currentStart;

    OutboundFds(FdCloser.Account closer) {
        this.closer = closer;
    }

    /** Where the next encoded message starts in the output buffer. */
    void messageStartsAt(int position) {
        currentStart = position;
    }

    @Override
    public void add(int fd) {
        if (count == fds.length) {
            fds = Arrays.copyOf(fds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
        }
        fds[count] = fd;
        starts[count] = currentStart;
        count++;
    }

    int pending() {
        return count - sent;
    }

    int[] fds() {
        return fds;
    }

    /** Index in {@link #fds()} of the first fd not yet sent. */
    int sent() {
        return sent;
    }

    int nextBatchSize() {
        return Math.min(FDS_PER_SEND, count - sent);
    }

    /**
     * How many bytes from {@code readerIndex} the send carrying the next {@code batch} fds may take: up to
     * the start of the message whose fd waits for the following batch, or all that is queued.
     */
    int bytesForBatch(int batch, int readerIndex, int writerIndex) {
        if (sent + batch < count) {
            int limit = starts[sent + batch] - readerIndex;
            if (limit > 0) {
                return limit;
            }
            // more than FDS_PER_SEND fds in one message: no protocol has one; send it whole
        }
        return writerIndex - readerIndex;
    }

    /** The kernel took the batch with at least one byte; our copies go. */
    void batchSent(int batch) {
        for (int i = sent; i < sent + batch; i++) {
            closer.close(fds[i]);
        }
        sent += batch;
    }

    /** The output buffer dropped its first {@code bytes}: positions move down with it. */
    void shift(int bytes) {
        for (int i = sent; i < count; i++) {
            starts[i] -= bytes;
        }
        currentStart -= bytes;
    }

    /** Everything queued went out: start over at position 0. */
    void clear() {
        count = 0;
        sent = 0;
        currentStart = 0;
    }

    /** The connection is gone: unsent fds are closed. */
    void closeAll() {
        for (int i = sent; i < count; i++) {
            closer.close(fds[i]);
        }
        clear();
    }
}
