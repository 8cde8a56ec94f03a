package io.shmward.server.compositor.xdg;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The interfaces of this package, resolved by name from the vendored xdg-shell.xml. */
final class XdgProtocol {
    static final InterfaceSpec XDG_WM_BASE = Protocol.standard().get("xdg_wm_base");
    static final InterfaceSpec XDG_POSITIONER = Protocol.standard().get("xdg_positioner");
    static final InterfaceSpec XDG_SURFACE = Protocol.standard().get("xdg_surface");
    static final InterfaceSpec XDG_TOPLEVEL = Protocol.standard().get("xdg_toplevel");
    static final InterfaceSpec XDG_POPUP = Protocol.standard().get("xdg_popup");

    static final MessageSpec WM_BASE_PING = XDG_WM_BASE.event("ping");
    static final MessageSpec SURFACE_CONFIGURE = XDG_SURFACE.event("configure");
    static final MessageSpec TOPLEVEL_CONFIGURE = XDG_TOPLEVEL.event("configure");
    static final MessageSpec TOPLEVEL_CONFIGURE_BOUNDS = XDG_TOPLEVEL.event("configure_bounds");
    static final MessageSpec TOPLEVEL_WM_CAPABILITIES = XDG_TOPLEVEL.event("wm_capabilities");
    static final MessageSpec POPUP_CONFIGURE = XDG_POPUP.event("configure");
    static final MessageSpec POPUP_DONE = XDG_POPUP.event("popup_done");
    static final MessageSpec POPUP_REPOSITIONED = XDG_POPUP.event("repositioned");

    private XdgProtocol() {
    }

    /** An array argument of 32-bit values in the host's byte order, as the states and capabilities arrays are. */
    static byte[] uintArray(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
