package io.shmward.server.compositor.xdg;

import io.shmward.protocol.xdgshell.XdgPopup;
import io.shmward.protocol.xdgshell.XdgPopup.Destroy;
import io.shmward.protocol.xdgshell.XdgPopup.Grab;
import io.shmward.protocol.xdgshell.XdgPopup.Reposition;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/**
 * {@code xdg_popup}, as far as a compositor without input needs it: placed by its positioner relative to
 * its parent, configured on its initial commit and on reposition, dismissed when its parent goes. There
 * are no grabs (no input to grab), so grab only checks it came before the popup was mapped.
 */
final class PopupResource extends Resource<XdgPopup.Request> implements XdgRole {
    static final String ROLE = "xdg_popup";

    private final XdgSurfaceResource xdgSurface;
    private final XdgSurfaceResource parent;
    private Placement placement;
    private Integer repositionToken;

    PopupResource(XdgSurfaceResource xdgSurface, XdgSurfaceResource parent, Client client, int id, int version,
                  Placement placement) {
        super(client, id, XdgPopup.TYPE, version);
        this.xdgSurface = xdgSurface;
        this.parent = parent;
        this.placement = placement;
    }

    XdgSurfaceResource parent() {
        return parent;
    }

    Placement placement() {
        return placement;
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    @Override
    protected void onRequest(XdgPopup.Request request) throws ProtocolError {
        switch (request) {
            case Destroy() -> destroy();
            case Grab(_, _) -> {
                if (xdgSurface.isMapped()) {
                    throw ProtocolError.on(this, "invalid_grab", this + " grabbed after it was mapped");
                }
            }
            case Reposition(var positioner, var token) ->
                    reposition((PositionerResource) client().objects().get(positioner), token);
        }
    }

    private void reposition(PositionerResource positioner, int token) throws ProtocolError {
        if (!positioner.isComplete()) {
            throw ProtocolError.on(this, XdgProtocol.XDG_WM_BASE, "invalid_positioner",
                    positioner + " needs a size and an anchor rectangle");
        }
        placement = parent.placeChild(positioner);
        repositionToken = token;
        xdgSurface.configure();
    }

    @Override
    public void sendConfigureEvents() {
        if (repositionToken != null) {
            send(XdgProtocol.POPUP_REPOSITIONED, repositionToken);
            repositionToken = null;
        }
        send(XdgProtocol.POPUP_CONFIGURE, placement.x(), placement.y(), placement.width(), placement.height());
    }

    @Override
    public void mapped() {
        xdgSurface.output().show(xdgSurface.surface());
    }

    @Override
    public void withdrawn() {
        xdgSurface.output().hide(xdgSurface.surface());
    }

    /** The parent xdg_surface is gone: the popup is dismissed. */
    void parentGone() {
        send(XdgProtocol.POPUP_DONE);
    }

    @Override
    protected void onDestroy() {
        xdgSurface.roleObjectDestroyed(this);
        parent.popupDestroyed(this);
    }
}
