package io.shmward.server.compositor.xdg;

import io.shmward.protocol.xdgshell.XdgSurface;
import io.shmward.protocol.xdgshell.XdgSurface.AckConfigure;
import io.shmward.protocol.xdgshell.XdgSurface.Destroy;
import io.shmward.protocol.xdgshell.XdgSurface.GetPopup;
import io.shmward.protocol.xdgshell.XdgSurface.GetToplevel;
import io.shmward.protocol.xdgshell.XdgSurface.SetWindowGeometry;
import io.shmward.server.compositor.Output;
import io.shmward.server.compositor.OutputMode;
import io.shmward.server.compositor.Rect;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.compositor.SurfaceRole;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code xdg_surface}: the object playing the role of its wl_surface for xdg-shell, whose role object (a
 * toplevel or a popup) says which role. It owns the configure life cycle:
 * <ol>
 * <li>the initial commit (no buffer) makes the surface initialized and brings the first configure;</li>
 * <li>a buffer may be committed once a configure was acknowledged (a buffer still there from before a
 * role object was destroyed and made again does not count: only newly attached ones do, as in
 * wlroots);</li>
 * <li>the first committed buffer maps the surface; a null buffer unmaps it, and it starts over at 1.</li>
 * </ol>
 * Configure serials sent and not yet acknowledged are kept in order: acknowledging one consumes it and all
 * sent before it, so acknowledging a consumed or never-sent serial is {@code invalid_serial}.
 */
final class XdgSurfaceResource extends Resource<XdgSurface.Request> implements SurfaceRole {
    private final XdgShell shell;
    private final WmBaseResource wmBase;
    private final SurfaceResource surface;
    /**
     * Configures sent and not yet acknowledged, oldest first. Bounded: the compositor sends one for each of
     * the client's state requests, so a client that asks in a loop and never acknowledges would grow it for
     * ever (and make each acknowledgement's search longer); past this many it gets no_memory. Real clients
     * acknowledge within a frame or two.
     */
    static final int MAX_UNACKNOWLEDGED = 100;

    private final Deque<Integer> unacknowledged = new ArrayDeque<>();
    private final List<PopupResource> popups = new ArrayList<>();
    private XdgRole roleObject;
    private boolean initialized;
    private boolean acknowledged;
    private boolean mapped;
    private Rect pendingGeometry;
    private Rect geometry;

    XdgSurfaceResource(XdgShell shell, WmBaseResource wmBase, Client client, int id, int version, SurfaceResource surface) {
        super(client, id, XdgSurface.TYPE, version);
        this.shell = shell;
        this.wmBase = wmBase;
        this.surface = surface;
    }

    static boolean isXdgRole(String roleName) {
        return roleName.equals(ToplevelResource.ROLE) || roleName.equals(PopupResource.ROLE);
    }

    SurfaceResource surface() {
        return surface;
    }

    /** The output its windows show on. */
    Output output() {
        return shell.output();
    }

    boolean isMapped() {
        return mapped;
    }

    /** The window geometry last committed, or null when the client never set one. */
    Rect windowGeometry() {
        return geometry;
    }

    @Override
    public String roleName() {
        return roleObject == null ? null : roleObject.roleName();
    }

    @Override
    protected void onRequest(XdgSurface.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> {
                if (roleObject != null) {
                    throw ProtocolError.on(this, "defunct_role_object", this + " destroyed before its " + roleObject);
                }
                destroy();
            }
            case GetToplevel(var id) -> construct(ToplevelResource.ROLE, () -> new ToplevelResource(shell, this, client(), id, version()));
            case GetPopup(var id, var parent, var positioner) ->
                    getPopup(id, parent, (PositionerResource) client().objects().get(positioner));
            case SetWindowGeometry(var x, var y, var width, var height) -> setWindowGeometry(x, y, width, height);
            case AckConfigure(var serial) -> acknowledge(serial);
        }
    }

    /** Creates the role object; one at a time, and of the role the surface already has, if any. */
    private void construct(String role, RoleFactory factory) throws ProtocolError {
        if (roleObject != null) {
            throw ProtocolError.on(this, "already_constructed", this + " already has its " + roleObject);
        }
        if (surface.roleName() != null && !surface.roleName().equals(role)) {
            throw ProtocolError.on(wmBase, "role", surface + " has the role " + surface.roleName() + ", not " + role);
        }
        roleObject = factory.create();
        surface.assignRole(this, ProtocolError.on(wmBase, "role", surface + " already has a role"));
    }

    private void getPopup(int id, int parentId, PositionerResource positioner) throws ProtocolError {
        if (!positioner.isComplete()) {
            throw ProtocolError.on(wmBase, "invalid_positioner", positioner + " needs a size and an anchor rectangle");
        }
        if (parentId == 0) {
            throw ProtocolError.on(wmBase, "invalid_popup_parent", "a popup needs a parent xdg_surface here:"
                    + " no other protocol can give it one");
        }
        XdgSurfaceResource parent = (XdgSurfaceResource) client().objects().get(parentId);
        construct(PopupResource.ROLE, () -> new PopupResource(this, parent, client(), id, version(),
                parent.placeChild(positioner)));
        parent.popups.add((PopupResource) roleObject);
    }

    /**
     * Where {@code positioner} puts a popup of this surface, kept on the output. Windows sit at the output's
     * origin (there is one output and nothing to arrange), so a toplevel's window geometry starts at (0, 0)
     * and a popup's at its parent's origin plus its own placement.
     */
    Placement placeChild(PositionerResource positioner) {
        int[] origin = originOnOutput();
        OutputMode mode = shell.output().mode();
        return positioner.placement(new Rect(-origin[0], -origin[1], mode.logicalWidth(), mode.logicalHeight()));
    }

    private int[] originOnOutput() {
        if (roleObject instanceof PopupResource popup) {
            int[] parentOrigin = popup.parent().originOnOutput();
            return new int[] {parentOrigin[0] + popup.placement().x(), parentOrigin[1] + popup.placement().y()};
        }
        return new int[] {0, 0};
    }

    private void setWindowGeometry(int x, int y, int width, int height) throws ProtocolError {
        if (roleObject == null) {
            throw ProtocolError.on(this, "not_constructed", "set_window_geometry before get_toplevel or get_popup");
        }
        if (width <= 0 || height <= 0) {
            throw ProtocolError.on(this, "invalid_size", "window geometry " + width + "x" + height + " must be positive");
        }
        pendingGeometry = new Rect(x, y, width, height);
    }

    private void acknowledge(int serial) throws ProtocolError {
        if (!unacknowledged.contains(serial)) {
            throw ProtocolError.on(this, "invalid_serial", "serial " + Integer.toUnsignedString(serial)
                    + " names no configure awaiting acknowledgement");
        }
        while (unacknowledged.removeFirst() != serial) {
            // earlier configures are consumed with the one acknowledged
        }
        acknowledged = true;
    }

    /**
     * Sends a configure sequence (the role's events, then xdg_surface.configure) once initialized. With
     * {@link #MAX_UNACKNOWLEDGED} configures awaiting acknowledgement, this surface's client gets no_memory
     * instead, whoever caused the configure (another client's window taking the focus, say).
     */
    void configure() {
        if (!initialized || isDestroyed()) {
            return;
        }
        if (unacknowledged.size() >= MAX_UNACKNOWLEDGED) {
            client().postError(ProtocolError.limitExceeded("limit of " + MAX_UNACKNOWLEDGED
                    + " unacknowledged configures on " + this));
            return;
        }
        int serial = client().display().nextSerial();
        roleObject.sendConfigureEvents();
        send(XdgProtocol.SURFACE_CONFIGURE, serial);
        unacknowledged.addLast(serial);
    }

    /**
     * A buffer attached while there is no role object is refused at once (what WLCS checks); with a role
     * object, the commit decides, as in weston and wlroots, so a client that attaches early but commits
     * only after acknowledging works as it does there.
     */
    @Override
    public void beforeAttach(SurfaceResource s, boolean withBuffer) throws ProtocolError {
        if (withBuffer && roleObject == null) {
            throw ProtocolError.on(this, "unconfigured_buffer", "buffer attached to " + s + " before get_toplevel"
                    + " or get_popup, so before any xdg_surface.configure");
        }
    }

    @Override
    public void beforeCommit(SurfaceResource s, boolean attaches, boolean withBuffer) throws ProtocolError {
        if (roleObject == null) {
            throw ProtocolError.on(this, "not_constructed", "commit on " + s + " before get_toplevel or get_popup");
        }
        if (attaches && withBuffer && !acknowledged) {
            throw ProtocolError.on(this, "unconfigured_buffer", "buffer committed on " + s
                    + " before the first xdg_surface.configure was acknowledged");
        }
        roleObject.checkCommit();
    }

    @Override
    public void afterCommit(SurfaceResource s) {
        if (roleObject == null) {
            return;
        }
        roleObject.applyCommit();
        if (pendingGeometry != null) {
            geometry = pendingGeometry;
            pendingGeometry = null;
        }
        if (!initialized) {
            initialized = true;
            roleObject.initialized();
            configure();
        } else if (s.hasContent() && !mapped) {
            mapped = true;
            roleObject.mapped();
        } else if (!s.hasContent() && mapped) {
            withdraw();
        }
    }

    /** Unmapped (or losing its role object): back to before the initial commit; late acks stay valid. */
    private void withdraw() {
        if (roleObject != null) {
            roleObject.withdrawn();
        }
        mapped = false;
        initialized = false;
        acknowledged = false;
    }

    /** The role object was destroyed: the surface is unmapped; a new role object may be made later. */
    void roleObjectDestroyed(XdgRole gone) {
        if (roleObject == gone) {
            withdraw();
            roleObject = null;
        }
    }

    void popupDestroyed(PopupResource popup) {
        popups.remove(popup);
    }

    @Override
    protected void onDestroy() {
        wmBase.surfaceDestroyed(this);
        surface.releaseRole(this);
        for (PopupResource popup : List.copyOf(popups)) {
            popup.parentGone();
        }
    }

    @FunctionalInterface
    private interface RoleFactory {
        XdgRole create() throws ProtocolError;
    }
}
