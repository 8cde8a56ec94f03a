package io.shmward.server.compositor;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;

/** The interfaces of this package, resolved by name from the vendored XML. */
final class CompositorProtocol {
    static final InterfaceSpec WL_COMPOSITOR = Protocol.standard().get("wl_compositor");
    static final InterfaceSpec WL_SURFACE = Protocol.standard().get("wl_surface");
    static final InterfaceSpec WL_OUTPUT = Protocol.standard().get("wl_output");
    static final InterfaceSpec WL_SUBCOMPOSITOR = Protocol.standard().get("wl_subcompositor");

    static final MessageSpec SURFACE_ENTER = WL_SURFACE.event("enter");
    static final MessageSpec SURFACE_LEAVE = WL_SURFACE.event("leave");
    static final MessageSpec SURFACE_PREFERRED_BUFFER_SCALE = WL_SURFACE.event("preferred_buffer_scale");

    static final MessageSpec OUTPUT_GEOMETRY = WL_OUTPUT.event("geometry");
    static final MessageSpec OUTPUT_MODE = WL_OUTPUT.event("mode");
    static final MessageSpec OUTPUT_SCALE = WL_OUTPUT.event("scale");
    static final MessageSpec OUTPUT_NAME = WL_OUTPUT.event("name");
    static final MessageSpec OUTPUT_DESCRIPTION = WL_OUTPUT.event("description");
    static final MessageSpec OUTPUT_DONE = WL_OUTPUT.event("done");

    private CompositorProtocol() {
    }
}
