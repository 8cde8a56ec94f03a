package io.shmward.server.compositor;

import io.shmward.server.core.ProtocolError;
import io.shmward.server.shm.BufferResource;

/**
 * How the buffers one surface's commits attach reach its {@link SurfaceContent}: read at the commit, or at
 * the output's next frame ({@link ConsumeTiming}, chosen by {@link Compositor#intakeFor}).
 */
interface BufferIntake {
    /**
     * A commit took effect: when {@code attached}, it attached {@code buffer} (null: it removed the content);
     * {@code damage}, in buffer coordinates, is what it said changed.
     *
     * @return false when the client was disconnected for truncating its buffer
     */
    boolean committed(boolean attached, BufferResource buffer, Rect damage) throws ProtocolError;

    /** The surface is going away: nothing it committed is read any more. */
    default void close() {
    }
}
