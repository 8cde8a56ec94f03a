package io.shmward.client.attack;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.VisibleSurface;
import io.shmward.client.WaylandClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * What a scenario works with: connections and files it opens (all closed when the scenario ends, or when
 * it overruns its time), the target, and the reading of an attacker's fate ({@link #settle}).
 */
public final class AttackContext implements AutoCloseable {
    /** How long a round trip may take before the compositor counts as not answering. */
    public static final Duration ANSWER = Duration.ofSeconds(5);
    /** How long to wait for a frame callback (presentation, hence reading) after a commit. */
    public static final Duration FRAME = Duration.ofSeconds(1);

    private final Target target;
    private final VisibleSurface.RoleChoice roles;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private WaylandClient attacker;
    private volatile boolean closed;

    AttackContext(Target target, VisibleSurface.RoleChoice roles) {
        this.target = target;
        this.roles = roles;
    }

    public Target target() {
        return target;
    }

    /** A new connection; the first one a scenario opens is its attacker, whose fate it reports. */
    public synchronized WaylandClient connect() throws IOException {
        if (closed) {
            throw new IOException("scenario ended");
        }
        WaylandClient c = target.connect();
        opened.push(c);
        if (attacker == null) {
            attacker = c;
        }
        return c;
    }

    /** A new connection with wl_shm and wl_compositor bound. */
    public ShmScene scene() throws IOException {
        return ShmScene.on(connect());
    }

    /** A surface the target will read (an xdg_toplevel where offered, unless roles are switched off). */
    public VisibleSurface surface(ShmScene scene) throws IOException {
        return VisibleSurface.create(scene, roles, ANSWER);
    }

    public VisibleSurface.RoleChoice roles() {
        return roles;
    }

    /** An unsealed memfd: the client may shrink it at will. */
    public MemFile memfd(long size) throws IOException {
        return track(MemFile.memfd("shmward-attack", size));
    }

    /** A memfd sealed against shrinking. */
    public MemFile sealedMemfd(long size) throws IOException {
        return track(MemFile.sealedMemfd("shmward-attack-sealed", size));
    }

    public synchronized <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    WaylandClient attacker() {
        return attacker;
    }

    /**
     * What became of {@code c}: a protocol error, a disconnect, or served (a round trip completes). A
     * compositor that keeps the connection but never answers has stalled it.
     */
    public Observation settle(WaylandClient c) {
        if (c.isClosed()) {
            return closedWith(c.error());
        }
        try {
            c.roundtrip(ANSWER);
            return c.error() != null ? Observation.protocolError(c.error()) : Observation.of(Outcome.SERVED);
        } catch (ConnectionClosedException e) {
            return closedWith(e.error());
        } catch (SocketTimeoutException e) {
            return c.error() != null ? Observation.protocolError(c.error()) : Observation.of(Outcome.STALLED);
        } catch (IOException e) {
            return drain(c);
        }
    }

    /**
     * Waits for {@code frame}'s done (the compositor presented the buffer, and read it) for up to
     * {@link #FRAME}, then settles: some compositors read a buffer only when they repaint, after the commit's
     * round trip. A surface that is never presented simply has no done.
     */
    public Observation settleAfterFrame(WaylandClient c, ClientObject frame) {
        try {
            c.dispatchUntil(frame::isDestroyed, FRAME);
        } catch (IOException e) {
            // closed (settle reads why) or no frame within the wait
        }
        return settle(c);
    }

    /** After a failed write: read what the compositor sent before it closed. */
    Observation drain(WaylandClient c) {
        try {
            return closedWith(c.awaitDisconnect(ANSWER));
        } catch (SocketTimeoutException e) {
            return c.error() != null ? Observation.protocolError(c.error()) : Observation.of(Outcome.STALLED);
        } catch (IOException e) {
            return closedWith(c.error());
        }
    }

    private static Observation closedWith(io.shmward.client.ServerError error) {
        return error != null ? Observation.protocolError(error) : Observation.of(Outcome.DISCONNECTED);
    }

    /** Adds the change of a target measure ({@code after - before}) when both were readable. */
    static Observation withDelta(Observation o, String name, OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent() ? o.measure(name, after.getAsLong() - before.getAsLong()) : o;
    }

    /** Closes everything the scenario opened, newest first; unblocks a scenario stuck in a read or write. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // closing what an attack left behind; nothing more to do
            }
        }
    }
}
