package io.shmward.server.compositor;

import io.shmward.protocol.wayland.WlSurface;
import io.shmward.protocol.wayland.WlSurface.Attach;
import io.shmward.protocol.wayland.WlSurface.Commit;
import io.shmward.protocol.wayland.WlSurface.Damage;
import io.shmward.protocol.wayland.WlSurface.DamageBuffer;
import io.shmward.protocol.wayland.WlSurface.Destroy;
import io.shmward.protocol.wayland.WlSurface.Frame;
import io.shmward.protocol.wayland.WlSurface.Offset;
import io.shmward.protocol.wayland.WlSurface.SetBufferScale;
import io.shmward.protocol.wayland.WlSurface.SetBufferTransform;
import io.shmward.protocol.wayland.WlSurface.SetInputRegion;
import io.shmward.protocol.wayland.WlSurface.SetOpaqueRegion;
import io.shmward.server.core.CallbackResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import io.shmward.server.shm.BufferResource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wl_surface}: double-buffered state, applied on commit. Applying hands a newly attached buffer to the
 * surface's {@link SurfaceContent}, which reads it into its snapshot and releases it, at once or at the
 * output's next frame ({@link ConsumeTiming}).
 *
 * <p>A surface may be the parent of sub-surfaces: applying its state also applies their z-order and
 * positions, and the state their synchronized commits cached ({@link #stateAppliedByParent()}).
 */
public final class SurfaceResource extends Resource<WlSurface.Request> {
    private final Compositor compositor;
    private final long serial;
    private final SurfaceState pending = new SurfaceState();
    /** What a synchronized sub-surface committed, waiting for its parent's state to be applied. */
    private final SurfaceState cached = new SurfaceState();
    private final SurfaceState current = new SurfaceState();
    private final Stacking stacking = new Stacking(this);
    private boolean hasCache;
    private String roleName;
    private SurfaceRole role;
    private final SurfaceContent content;
    private long commits;
    /** The buffer scale the client was last told to prefer (wl_surface v6); 1 until told otherwise. */
    private int preferredBufferScale = 1;

    SurfaceResource(Compositor compositor, Client client, int id, int version) {
        super(client, id, WlSurface.TYPE, version);
        this.compositor = compositor;
        this.content = new SurfaceContent(compositor, client);
        this.serial = compositor.surfaceCreated(this);
    }

    @Override
    protected void onRequest(WlSurface.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroySurface();
            case Attach(var buffer, var x, var y) -> attach(buffer, x, y);
            case Damage(var x, var y, var width, var height) ->
                    pending.surfaceDamage = pending.surfaceDamage.union(new Rect(x, y, width, height));
            case DamageBuffer(var x, var y, var width, var height) ->
                    pending.bufferDamage = pending.bufferDamage.union(new Rect(x, y, width, height));
            case Frame(var callback) -> pending.frameCallbacks.add(CallbackResource.create(client(), callback));
            case SetOpaqueRegion(var region) -> {
                pending.opaqueRegion = regionBounds(region);
                pending.opaqueSet = true;
            }
            case SetInputRegion(var region) -> {
                pending.inputRegion = regionBounds(region);
                pending.inputSet = true;
            }
            case Commit() -> commit();
            case SetBufferTransform(var transform) -> setTransform(transform);
            case SetBufferScale(var scale) -> setScale(scale);
            case Offset(var x, var y) -> {
                pending.dx += x;
                pending.dy += y;
            }
        }
    }

    /** This surface's number, unique among all surfaces of this server (object ids repeat across clients). */
    public long serial() {
        return serial;
    }

    /** The object playing the surface's role now, or null. */
    public SurfaceRole role() {
        return role;
    }

    /** The surface's role for life ("xdg_toplevel", "wl_subsurface"...), or null while it has none. */
    public String roleName() {
        return roleName;
    }

    /**
     * Gives the surface its role object. A surface has one role for life and one role object at a time:
     * another object while one is alive, or a role of another name, is the calling protocol's error, which
     * the caller names in {@code ifTaken}.
     */
    public void assignRole(SurfaceRole newRole, ProtocolError ifTaken) throws ProtocolError {
        String name = newRole.roleName();
        if ((role != null && role != newRole) || (roleName != null && name != null && !roleName.equals(name))) {
            throw ifTaken;
        }
        role = newRole;
        if (name != null) {
            roleName = name;
        }
    }

    /** The role object went away; the role's name stays with the surface. */
    public void releaseRole(SurfaceRole gone) {
        if (role == gone) {
            role = null;
        }
    }

    /**
     * The surface's content as last read (at its last commit, or under {@code output.consume: on-frame} at
     * the last frame after one), or null before the first buffer was read.
     */
    public Snapshot snapshot() {
        return content.snapshot();
    }

    /** True while a buffer is attached in the current state. */
    public boolean hasContent() {
        return content.mapped();
    }

    /** True when a buffer is attached, committed or not: what xdg_wm_base.get_xdg_surface refuses. */
    public boolean hasBufferAttachedOrCommitted() {
        return content.mapped() || (pending.bufferAttached && pending.buffer != null);
    }

    /** Commits that took effect (a synchronized sub-surface's count when its parent applied them). */
    public long commits() {
        return commits;
    }

    public int scale() {
        return current.scale;
    }

    /**
     * The surfaces that make up this surface's window, bottom first: itself and its mapped sub-surfaces,
     * recursively, each at its offset from this surface's origin. Empty when this surface has no content.
     * A sub-surface shows only while it has content and its parent shows.
     */
    /** Whether the sub-surface order in force holds any sub-surface (whether or not it shows). */
    public boolean hasSubsurfaces() {
        return stacking.hasCurrentChildren();
    }

    public List<SurfaceLayer> layers() {
        List<SurfaceLayer> out = new ArrayList<>();
        collectLayers(out, 0, 0);
        return out;
    }

    private void collectLayers(List<SurfaceLayer> out, int x, int y) {
        if (!content.mapped()) {
            return;
        }
        for (SurfaceResource s : stacking.current()) {
            if (s == this) {
                out.add(new SurfaceLayer(this, x, y));
            } else {
                SubsurfaceResource sub = (SubsurfaceResource) s.role;
                s.collectLayers(out, x + sub.x(), y + sub.y());
            }
        }
    }

    /** The surface whose window this one belongs to: itself, or the top of its chain of sub-surface parents. */
    public SurfaceResource windowRoot() {
        SurfaceResource s = this;
        for (SurfaceResource p = s.parentSurface(); p != null; p = p.parentSurface()) {
            s = p;
        }
        return s;
    }

    /** How many levels of sub-surfaces hang below this surface (0 for none), counted without recursion. */
    int subsurfaceLevels() {
        int levels = 0;
        List<SurfaceResource> level = stacking.children(this);
        while (!level.isEmpty()) {
            levels++;
            List<SurfaceResource> next = new ArrayList<>();
            for (SurfaceResource s : level) {
                next.addAll(s.stacking.children(s));
            }
            level = next;
        }
        return levels;
    }

    /** The parent when this surface is a sub-surface with a live parent, else null. */
    SurfaceResource parentSurface() {
        return role instanceof SubsurfaceResource sub ? sub.parent() : null;
    }

    void adoptChild(SurfaceResource child) {
        stacking.add(child);
    }

    void dropChild(SurfaceResource child) {
        stacking.remove(child);
    }

    boolean restack(SurfaceResource child, SurfaceResource reference, boolean above) {
        return stacking.place(child, reference, above);
    }

    void sendEnter(Resource<?> output) {
        send(CompositorProtocol.SURFACE_ENTER, output.id());
    }

    void sendLeave(Resource<?> output) {
        send(CompositorProtocol.SURFACE_LEAVE, output.id());
    }

    /**
     * Tells the client (wl_surface v6) the buffer scale the compositor would like, when that differs from what
     * it last said; until told, a client assumes 1, so an output at scale 1 sends nothing.
     */
    void preferBufferScale(int scale) {
        if (scale != preferredBufferScale) {
            preferredBufferScale = scale;
            send(CompositorProtocol.SURFACE_PREFERRED_BUFFER_SCALE, scale);
        }
    }

    /** A surface whose role object is alive may not go first: the spec's defunct_role_object. */
    private void destroySurface() throws ProtocolError {
        if (role != null) {
            throw ProtocolError.on(this, "defunct_role_object", this + " destroyed before its "
                    + (role instanceof Resource<?> r ? r.toString() : "role object"));
        }
        destroy();
    }

    private void attach(int bufferId, int x, int y) throws ProtocolError {
        if (version() >= 5 && (x != 0 || y != 0)) {
            throw ProtocolError.on(this, "invalid_offset", "attach with non-zero offset " + x + "," + y
                    + " on a version " + version() + " surface; use wl_surface.offset");
        }
        if (role != null) {
            role.beforeAttach(this, bufferId != 0);
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

    /**
     * A commit: the role checks it, then it is cached (synchronized sub-surface) or applied, together with
     * anything cached before.
     */
    private void commit() throws ProtocolError {
        if (role != null) {
            boolean withBuffer;
            if (pending.bufferAttached) {
                withBuffer = livingOrNull(pending.buffer) != null;
            } else if (hasCache && cached.bufferAttached) {
                withBuffer = livingOrNull(cached.buffer) != null;
            } else {
                withBuffer = content.mapped();
            }
            role.beforeCommit(this, pending.bufferAttached, withBuffer);
            if (role.cachesCommits()) {
                cached.takeFrom(pending);
                hasCache = true;
                return;
            }
        }
        if (hasCache) {
            cached.takeFrom(pending);
            applyCached();
        } else {
            apply(pending);
        }
    }

    /** Applies the cached state now, if there is any (set_desync, or the parent's state was applied). */
    void applyCached() throws ProtocolError {
        if (hasCache) {
            hasCache = false;
            apply(cached);
        }
    }

    /**
     * The parent's state was applied: a sub-surface applies what it cached; one with nothing cached still
     * passes the news down, since its own sub-surfaces may have cached state waiting for this moment.
     */
    private void stateAppliedByParent() throws ProtocolError {
        if (hasCache) {
            applyCached();
        } else {
            for (SurfaceResource child : stacking.children(this)) {
                child.stateAppliedByParent();
            }
        }
    }

    /**
     * Applies {@code state}: hands its buffer and damage to the content, queues frame callbacks, then the sub-surface
     * state held by this parent (order, positions, their cached commits), and tells the role.
     */
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
            if (buffer == null && content.mapped()) {
                compositor.surfaceUnmapping(this);
            }
        }
        if (!content.committed(attached, buffer, damage)) {
            return; // the client was disconnected for truncating its buffer
        }
        current.bufferAttached = false;
        current.surfaceDamage = Rect.EMPTY;
        current.bufferDamage = Rect.EMPTY;
        compositor.frameClock().queue(current.frameCallbacks);
        current.frameCallbacks.clear();
        commits++;
        stacking.apply();
        if (stacking.hasChildren()) {
            List<SurfaceResource> children = stacking.children(this);
            for (SurfaceResource child : children) {
                ((SubsurfaceResource) child.role).parentApplied();
            }
            for (SurfaceResource child : children) {
                child.stateAppliedByParent();
            }
        }
        if (role != null) {
            role.afterCommit(this);
        }
        compositor.surfaceCommitted(this);
    }

    private static BufferResource livingOrNull(BufferResource b) {
        return b == null || b.isDestroyed() ? null : b;
    }

    private Rect regionBounds(int regionId) {
        return regionId == 0 ? null : ((RegionResource) client().objects().get(regionId)).bounds();
    }

    /**
     * Runs when the client destroyed the surface (its role object already gone) or when the client went
     * away, in which case sub-surface links are cut here whatever the order objects are released in.
     */
    @Override
    protected void onDestroy() {
        compositor.surfaceDestroying(this);
        for (SurfaceResource child : stacking.children(this)) {
            ((SubsurfaceResource) child.role).parentDestroyed();
        }
        SurfaceResource parent = parentSurface();
        if (parent != null) {
            parent.dropChild(this);
        }
        content.release();
    }
}
