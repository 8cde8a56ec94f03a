package io.shmward.server.compositor;

import io.shmward.server.core.ProtocolError;
import io.shmward.server.shm.BufferResource;

/**
 * {@code output.consume: on-frame} for one surface: a commit's buffer is not read at once but at the
 * output's next frame, and only the newest one the surface committed by then. A buffer that a newer commit
 * replaces (or a detach removes) before the frame is released unread at that commit, as Weston does, so the
 * client may draw into it again at once; nothing of it is read, so a file truncated under it goes unnoticed.
 *
 * <p>The read goes through {@link SurfaceContent#read}, the same path as a commit-time read: truncation
 * checks, mapped or pread, off the loop when large or not shmem; it releases the buffer once read.
 *
 * <p>Damage: the read covers the union (as a bounding box, like all damage here) of the damage of every
 * commit since the last read, the replaced ones' included. The snapshot still holds what the last read saw,
 * and the newest buffer differs from it wherever any of those commits said its buffer changed; reading the
 * whole buffer would be as correct, and cost a full copy for every small update.
 */
final class FrameIntake implements BufferIntake {
    private final SurfaceContent content;
    private final FrameReads frame;
    private final Compositor compositor;
    /** The newest committed buffer, not read yet; null when there is none (or the last commit detached). */
    private BufferResource unread;
    /** Buffer damage of every commit since the last read. */
    private Rect damage = Rect.EMPTY;

    FrameIntake(SurfaceContent content, FrameReads frame, Compositor compositor) {
        this.content = content;
        this.frame = frame;
        this.compositor = compositor;
    }

    @Override
    public boolean committed(boolean attached, BufferResource buffer, Rect commitDamage) {
        damage = damage.union(commitDamage);
        // the same buffer committed again is still one buffer in use: it is read and released once
        if (attached && buffer != unread) {
            releaseUnread();
            if (buffer != null) {
                unread = buffer;
                frame.hold(this, buffer);
            }
        }
        return true;
    }

    /**
     * At the frame: reads the newest buffer. One its client destroyed meanwhile is not read (its memory is no
     * longer the server's to read, and there is no object left to release): the surface keeps what it
     * showed, and the damage waits for the next buffer; nor is one of a client being disconnected. An error
     * costs only this surface's client.
     */
    void read() {
        BufferResource buffer = unread;
        if (buffer == null) {
            return; // the surface went away earlier in this frame's reads (an error there cost its client)
        }
        unread = null;
        frame.letGo(this, buffer);
        if (buffer.isDestroyed() || buffer.client().isClosing()) {
            return;
        }
        Rect region = damage;
        damage = Rect.EMPTY;
        try {
            content.read(buffer, region); // false: the client was disconnected, and there is nothing more to do
        } catch (ProtocolError e) {
            buffer.client().postError(e);
        } catch (RuntimeException | Error e) {
            buffer.client().internalError("reading a buffer at the frame", e);
        }
    }

    @Override
    public void close() {
        releaseUnread();
    }

    /**
     * Gives the client back the unread buffer, which will not be read: unless another surface still holds it
     * unread, it was destroyed, or its client is leaving (and hears nothing).
     */
    private void releaseUnread() {
        if (unread == null) {
            return;
        }
        BufferResource buffer = unread;
        unread = null;
        if (frame.letGo(this, buffer) && !buffer.isDestroyed() && !buffer.client().isClosing()) {
            buffer.sendRelease();
            compositor.bufferReleasedUnread();
        }
    }
}
