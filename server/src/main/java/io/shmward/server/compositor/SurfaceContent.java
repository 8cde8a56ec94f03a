package io.shmward.server.compositor;

import io.shmward.os.OsException;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.shm.BufferResource;

/**
 * What one surface shows: its snapshot (the server's copy of the last buffer it read), whether it is
 * mapped, and that copy's share of its client's content budget. Committed buffers reach it through its
 * {@link BufferIntake}, at the commit or at the output's next frame. Reading a buffer copies its damaged
 * part in and releases the buffer once the pixels are here, which for a pool file that is not shmem, or a
 * very large range, is after a worker has read them ({@link Snapshot#update}).
 */
final class SurfaceContent {
    private final Compositor compositor;
    private final Client client;
    private final BufferIntake intake;
    private Snapshot snapshot;
    private boolean mapped;

    SurfaceContent(Compositor compositor, Client client) {
        this.compositor = compositor;
        this.client = client;
        this.intake = compositor.intakeFor(this);
    }

    /** The content as last read, or null before the first buffer was. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** True while a buffer is attached in the current state, read yet or not. */
    boolean mapped() {
        return mapped;
    }

    /**
     * A commit took effect: when {@code attached}, it attached {@code buffer} (null: the surface shows
     * nothing from now on, though its last content is kept); {@code damage}, in buffer coordinates, is what
     * it said changed. The buffer is read now or at the next frame, as the intake says.
     *
     * @return false when the client was disconnected for truncating its buffer
     */
    boolean committed(boolean attached, BufferResource buffer, Rect damage) throws ProtocolError {
        if (attached) {
            mapped = buffer != null;
        }
        return intake.committed(attached, buffer, damage);
    }

    /**
     * Copies the damaged part of {@code buffer} in (all of it when the snapshot must take a new shape, which
     * is counted against the client's content budget before it is allocated: the bound is what keeps one
     * client from exhausting the server), then releases the buffer.
     *
     * @return false when the client was disconnected for truncating its buffer
     */
    boolean read(BufferResource buffer, Rect damage) throws ProtocolError {
        Rect region = damage;
        if (!Snapshot.fits(buffer, snapshot)) {
            compositor.admitContent(client, buffer.byteSize() - (snapshot == null ? 0 : snapshot.byteSize()));
            if (snapshot != null) {
                snapshot.close();
                snapshot = null;
            }
            try {
                snapshot = Snapshot.shapedLike(buffer);
            } catch (OsException e) {
                compositor.releaseContent(client, buffer.byteSize()); // it holds no snapshot now
                throw ProtocolError.display("no_memory", "no memory for a " + buffer.byteSize() + "-byte snapshot: "
                        + e.getMessage());
            }
            region = new Rect(0, 0, buffer.width(), buffer.height());
        }
        return snapshot.update(buffer, region, buffer::sendRelease);
    }

    /**
     * The surface is gone: a buffer waiting to be read is let go, and the snapshot is freed (once a worker
     * still writing it is done) and uncounted.
     */
    void release() {
        intake.close();
        if (snapshot != null) {
            compositor.releaseContent(client, snapshot.byteSize());
            snapshot.close();
            snapshot = null;
        }
    }
}
