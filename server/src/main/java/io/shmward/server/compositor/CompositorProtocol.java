package io.shmward.server.compositor;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;

/** The interfaces of this package, resolved by name from the vendored XML. */
final class CompositorProtocol {
    static final InterfaceSpec WL_COMPOSITOR = Protocol.standard().get("wl_compositor");
    static final InterfaceSpec WL_SURFACE = Protocol.standard().get("wl_surface");
    static final InterfaceSpec WL_REGION = Protocol.standard().get("wl_region");
    static final InterfaceSpec WL_OUTPUT = Protocol.standard().get("wl_output");

    private CompositorProtocol() {
    }
}
