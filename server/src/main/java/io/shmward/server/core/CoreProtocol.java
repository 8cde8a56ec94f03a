package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;

/** The core interfaces and the messages the core sends, resolved by name from the vendored XML once. */
final class CoreProtocol {
    static final InterfaceSpec WL_DISPLAY = Protocol.standard().get("wl_display");
    static final InterfaceSpec WL_REGISTRY = Protocol.standard().get("wl_registry");
    static final InterfaceSpec WL_CALLBACK = Protocol.standard().get("wl_callback");

    static final MessageSpec DISPLAY_ERROR = WL_DISPLAY.event("error");
    static final MessageSpec DISPLAY_DELETE_ID = WL_DISPLAY.event("delete_id");
    static final MessageSpec REGISTRY_GLOBAL = WL_REGISTRY.event("global");
    static final MessageSpec REGISTRY_GLOBAL_REMOVE = WL_REGISTRY.event("global_remove");
    static final MessageSpec CALLBACK_DONE = WL_CALLBACK.event("done");

    private CoreProtocol() {
    }
}
