package io.shmward.server.compositor;

import io.shmward.protocol.wire.Message;
import io.shmward.server.core.CallbackResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import io.shmward.server.shm.BufferResource;

/**
 * {@code wl_surface}: double-buffered state, applied on commit. Applying consumes a newly attached buffer
 * at once, copying its damaged band into the surface's {@link Snapshot}, then releases it.
 */
public final class SurfaceResource extends Resource {
    private final Compositor compositor;
    private final long serial;
    private final SurfaceState pending = new SurfaceState();
    private final SurfaceState current = new SurfaceState();
    private SurfaceRole role;
    private Snapshot snapshot;
    private boolean mapped;
    private long commits;

    SurfaceResource(Compositor compositor, Client client, int id, int version) {
        super(client, id, CompositorProtocol.WL_SURFACE, version);
        this.compositor = compositor;
        this.serial = compositor.surfaceCreated(this);
    }

    @Override
    protected void onRequest(Message r) throws ProtocolError {
        switch (r.name()) {
            case "destroy" -> destroy();
            case "attach" -> attach(r.intArg(0), r.intArg(1), r.intArg(2));
            case "damage" -> pending.surfaceDamage = pending.surfaceDamage.union(rect(r));
            case "damage_buffer" -> pending.bufferDamage = pending.bufferDamage.union(rect(r));
            case "frame" -> pending.frameCallbacks.add(CallbackResource.create(client(), r.intArg(0)));
            case "set_opaque_region" -> {
                pending.opaqueRegion = regionBounds(r.intArg(0));
                pending.opaqueSet = true;
            }
            case "set_input_region" -> {
                pending.inputRegion = regionBounds(r.intArg(0));
                pending.inputSet = true;
            }
            case "commit" -> commit();
            case "set_buffer_transform" -> setTransform(r.intArg(0));
            case "set_buffer_scale" -> setScale(r.intArg(0));
            case "offset" -> {
                pending.dx += r.intArg(0);
                pending.dy += r.intArg(1);
            }
            default -> throw unhandled(r);
        }
    }

    /** This surface's number, unique among all surfaces of this server (object ids repeat across clients). */
    public long serial() {
        return serial;
    }

    public SurfaceRole role() {
        return role;
    }

    /**
     * Gives the surface its role. A surface has one role for life; giving it another is the role
     * protocol's error, which the caller names.
     */
    public void assignRole(SurfaceRole newRole, ProtocolError ifTaken) throws ProtocolError {
        if (role != null && role != newRole) {
            throw ifTaken;
        }
        role = newRole;
    }

    /** The surface's content as last committed, or null before the first buffer. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** True while a buffer is attached in the current state. */
    public boolean hasContent() {
        return mapped;
    }

    public long commits() {
        return commits;
    }

    public int scale() {
        return current.scale;
    }

    private void attach(int bufferId, int x, int y) throws ProtocolError {
        if (version() >= 5 && (x != 0 || y != 0)) {
            throw ProtocolError.on(this, "invalid_offset", "attach with non-zero offset " + x + "," + y
                    + " on a version " + version() + " surface; use wl_surface.offset");
        }
        pending.bufferAttached = true;
        pending.buffer = bufferId == 0 ? null : (BufferResource) client().objects().get(bufferId);
        pending.dx += x;
        pending.dy += y;
    }

    private void setTransform(int transform) throws ProtocolError {
        if (!CompositorProtocol.WL_OUTPUT.enumeration("transform").contains(transform)) {
            throw ProtocolError.on(this, "invalid_transform", "invalid transform " + transform);
        }
        pending.transform = transform;
        pending.transformSet = true;
    }

    private void setScale(int scale) throws ProtocolError {
        if (scale < 1) {
            throw ProtocolError.on(this, "invalid_scale", "invalid scale " + scale);
        }
        pending.scale = scale;
        pending.scaleSet = true;
    }

    private void commit() throws ProtocolError {
        BufferResource next = pending.bufferAttached ? livingOrNull(pending.buffer) : current.buffer;
        if (role != null) {
            role.beforeCommit(this, pending.bufferAttached, next != null);
        }
        apply(pending);
    }

    /** Applies {@code state}: consumes a newly attached buffer, queues frame callbacks, tells the role. */
    private void apply(SurfaceState state) throws ProtocolError {
        boolean attached = state.bufferAttached;
        BufferResource buffer = attached ? livingOrNull(state.buffer) : null;
        int scale = state.scaleSet ? state.scale : current.scale;
        if (buffer != null && (buffer.width() % scale != 0 || buffer.height() % scale != 0)) {
            throw ProtocolError.on(this, "invalid_size", "buffer size " + buffer.width() + "x" + buffer.height()
                    + " is not a multiple of the buffer scale " + scale);
        }
        Rect damage = state.bufferDamage.union(state.surfaceDamage.scaled(scale));
        current.takeFrom(state);
        if (attached) {
            current.buffer = buffer;
            if (buffer == null) {
                mapped = false;
            } else if (!consume(buffer, damage)) {
                return; // the client was disconnected for truncating its buffer
            }
        }
        current.bufferAttached = false;
        current.surfaceDamage = Rect.EMPTY;
        current.bufferDamage = Rect.EMPTY;
        compositor.frameClock().queue(current.frameCallbacks);
        current.frameCallbacks.clear();
        commits++;
        if (role != null) {
            role.afterCommit(this);
        }
        compositor.surfaceCommitted(this);
    }

    private boolean consume(BufferResource buffer, Rect damage) {
        Snapshot shaped = Snapshot.shapedLike(buffer, snapshot);
        Rect region = shaped != snapshot ? new Rect(0, 0, buffer.width(), buffer.height()) : damage;
        if (shaped != snapshot && snapshot != null) {
            snapshot.close();
        }
        snapshot = shaped;
        if (!snapshot.update(buffer, region)) {
            return false;
        }
        mapped = true;
        buffer.sendRelease();
        return true;
    }

    private static BufferResource livingOrNull(BufferResource b) {
        return b == null || b.isDestroyed() ? null : b;
    }

    private Rect regionBounds(int regionId) {
        return regionId == 0 ? null : ((RegionResource) client().objects().get(regionId)).bounds();
    }

    private static Rect rect(Message r) {
        return new Rect(r.intArg(0), r.intArg(1), r.intArg(2), r.intArg(3));
    }

    @Override
    protected void onDestroy() {
        compositor.surfaceDestroying(this);
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }
}
