package io.shmward.server.compositor.xdg;

import io.shmward.protocol.spec.EnumSpec;
import io.shmward.protocol.xdgshell.XdgToplevel;
import io.shmward.protocol.xdgshell.XdgToplevel.Destroy;
import io.shmward.protocol.xdgshell.XdgToplevel.Move;
import io.shmward.protocol.xdgshell.XdgToplevel.Resize;
import io.shmward.protocol.xdgshell.XdgToplevel.SetAppId;
import io.shmward.protocol.xdgshell.XdgToplevel.SetFullscreen;
import io.shmward.protocol.xdgshell.XdgToplevel.SetMaxSize;
import io.shmward.protocol.xdgshell.XdgToplevel.SetMaximized;
import io.shmward.protocol.xdgshell.XdgToplevel.SetMinSize;
import io.shmward.protocol.xdgshell.XdgToplevel.SetMinimized;
import io.shmward.protocol.xdgshell.XdgToplevel.SetParent;
import io.shmward.protocol.xdgshell.XdgToplevel.SetTitle;
import io.shmward.protocol.xdgshell.XdgToplevel.ShowWindowMenu;
import io.shmward.protocol.xdgshell.XdgToplevel.UnsetFullscreen;
import io.shmward.protocol.xdgshell.XdgToplevel.UnsetMaximized;
import io.shmward.server.compositor.OutputMode;
import io.shmward.server.compositor.Rect;
import io.shmward.server.compositor.SurfaceResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code xdg_toplevel}: a window. It is configured to the output's size, within the size limits the client
 * committed (unless maximized or fullscreen, which take the whole output), with the states maximized,
 * fullscreen and activated as they apply. Minimizing is not offered (wm_capabilities says so), so
 * set_minimized is ignored, as the spec allows.
 */
public final class ToplevelResource extends Resource<XdgToplevel.Request> implements XdgRole {
    static final String ROLE = "xdg_toplevel";
    private static final EnumSpec STATES = XdgProtocol.XDG_TOPLEVEL.enumeration("state");
    private static final EnumSpec RESIZE_EDGES = XdgProtocol.XDG_TOPLEVEL.enumeration("resize_edge");
    private static final EnumSpec CAPABILITIES = XdgProtocol.XDG_TOPLEVEL.enumeration("wm_capabilities");

    private final XdgShell shell;
    private final XdgSurfaceResource xdgSurface;
    private String title;
    private String appId;
    private ToplevelResource parent;
    private final int[] pendingMin = new int[2];
    private final int[] pendingMax = new int[2];
    private final int[] min = new int[2];
    private final int[] max = new int[2];
    private boolean maximized;
    private boolean fullscreen;

    ToplevelResource(XdgShell shell, XdgSurfaceResource xdgSurface, Client client, int id, int version) {
        super(client, id, XdgToplevel.TYPE, version);
        this.shell = shell;
        this.xdgSurface = xdgSurface;
        shell.toplevelCreated(this);
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    /** The window's wl_surface. */
    public SurfaceResource surface() {
        return xdgSurface.surface();
    }

    /** The title the client set, or null. */
    public String title() {
        return title;
    }

    /** The app id the client set, or null. */
    public String appId() {
        return appId;
    }

    /** True while the window shows a buffer it committed after a configure. */
    public boolean isMapped() {
        return xdgSurface.isMapped();
    }

    /** True while this window holds the focus. */
    public boolean isActivated() {
        return shell.isActive(this);
    }

    /** The committed window geometry, or null when the client never set one (then the whole surface is the window). */
    public Rect windowGeometry() {
        return xdgSurface.windowGeometry();
    }

    /** The parent toplevel, or null. */
    public ToplevelResource parent() {
        return parent;
    }

    @Override
    protected void onRequest(XdgToplevel.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroy();
            case SetParent(var parent) -> setParent((ToplevelResource) client().objects().get(parent));
            case SetTitle(var newTitle) -> title = newTitle;
            case SetAppId(var newAppId) -> appId = newAppId;
            case ShowWindowMenu(_, _, _, _), Move(_, _) -> {
                // interactive window management needs a pointer grab, which a seat without a pointer never has
            }
            case Resize(_, _, var edges) -> {
                if (!RESIZE_EDGES.contains(Integer.toUnsignedLong(edges))) {
                    throw ProtocolError.on(this, "invalid_resize_edge", Integer.toUnsignedString(edges)
                            + " is not an xdg_toplevel.resize_edge value");
                }
            }
            case SetMaxSize(var width, var height) -> setLimit(pendingMax, width, height, "maximum");
            case SetMinSize(var width, var height) -> setLimit(pendingMin, width, height, "minimum");
            case SetMaximized() -> changeState(true, fullscreen);
            case UnsetMaximized() -> changeState(false, fullscreen);
            case SetFullscreen(_) -> changeState(maximized, true);
            case UnsetFullscreen() -> changeState(maximized, false);
            case SetMinimized() -> {
                // not among the advertised wm_capabilities: ignored, as xdg_toplevel.wm_capabilities allows
            }
        }
    }

    private void setParent(ToplevelResource newParent) throws ProtocolError {
        for (ToplevelResource t = newParent; t != null; t = t.parent) {
            if (t == this) {
                throw ProtocolError.on(this, "invalid_parent", newParent + " is " + this + " or one of its descendants");
            }
        }
        parent = newParent;
    }

    /** A destroyed parent hands its children to its own parent, as the spec asks. */
    void parentDestroyed(ToplevelResource gone) {
        if (parent == gone) {
            parent = gone.parent;
        }
    }

    private void setLimit(int[] limit, int width, int height, String which) throws ProtocolError {
        if (width < 0 || height < 0) {
            throw ProtocolError.on(this, "invalid_size", which + " size " + width + "x" + height + " is negative");
        }
        limit[0] = width;
        limit[1] = height;
    }

    /** Every state request is answered with a configure, as the spec promises, once the surface is initialized. */
    private void changeState(boolean newMaximized, boolean newFullscreen) {
        maximized = newMaximized;
        fullscreen = newFullscreen;
        xdgSurface.configure();
    }

    void reconfigure() {
        xdgSurface.configure();
    }

    @Override
    public void checkCommit() throws ProtocolError {
        for (int axis = 0; axis < 2; axis++) {
            if (pendingMax[axis] > 0 && pendingMin[axis] > pendingMax[axis]) {
                throw ProtocolError.on(this, "invalid_size", "minimum size " + pendingMin[0] + "x" + pendingMin[1]
                        + " exceeds maximum size " + pendingMax[0] + "x" + pendingMax[1]);
            }
        }
    }

    @Override
    public void applyCommit() {
        System.arraycopy(pendingMin, 0, min, 0, 2);
        System.arraycopy(pendingMax, 0, max, 0, 2);
    }

    @Override
    public void initialized() {
        shell.focusNew(this);
    }

    @Override
    public void sendConfigureEvents() {
        OutputMode output = shell.output().mode();
        if (version() >= XdgProtocol.TOPLEVEL_CONFIGURE_BOUNDS.since()) {
            send(XdgProtocol.TOPLEVEL_CONFIGURE_BOUNDS, output.logicalWidth(), output.logicalHeight());
        }
        if (version() >= XdgProtocol.TOPLEVEL_WM_CAPABILITIES.since()) {
            send(XdgProtocol.TOPLEVEL_WM_CAPABILITIES, XdgProtocol.uintArray(
                    CAPABILITIES.value("maximize"), CAPABILITIES.value("fullscreen")));
        }
        send(XdgProtocol.TOPLEVEL_CONFIGURE, size(output.logicalWidth(), 0), size(output.logicalHeight(), 1), states());
    }

    /** The output's extent on one axis, within the committed limits unless the window is maximized or fullscreen. */
    private int size(int outputExtent, int axis) {
        if (maximized || fullscreen) {
            return outputExtent;
        }
        int size = max[axis] > 0 ? Math.min(outputExtent, max[axis]) : outputExtent;
        return Math.max(size, min[axis]);
    }

    private byte[] states() {
        List<Integer> states = new ArrayList<>();
        if (maximized) {
            states.add(STATES.value("maximized"));
        }
        if (fullscreen) {
            states.add(STATES.value("fullscreen"));
        }
        if (isActivated()) {
            states.add(STATES.value("activated"));
        }
        return XdgProtocol.uintArray(states.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void mapped() {
        shell.output().show(surface());
    }

    @Override
    public void withdrawn() {
        shell.output().hide(surface());
        shell.withdraw(this);
    }

    @Override
    protected void onDestroy() {
        xdgSurface.roleObjectDestroyed(this);
        shell.toplevelDestroyed(this);
    }
}
