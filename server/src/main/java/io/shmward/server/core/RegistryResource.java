package io.shmward.server.core;

import io.shmward.protocol.wayland.WlRegistry;
import io.shmward.protocol.wayland.WlRegistry.Bind;
import io.shmward.protocol.wire.NewObject;

/**
 * {@code wl_registry}: announces every global on creation and as globals come and go, and binds them with
 * libwayland's checks (unknown name, wrong interface, version 0 or above the advertised one are
 * wl_display's {@code invalid_object}, posted on the registry, as libwayland's registry_bind does).
 */
final class RegistryResource extends Resource<WlRegistry.Request> {

    RegistryResource(Client client, int id) {
        super(client, id, WlRegistry.TYPE, 1);
        Globals globals = client.display().globals();
        globals.subscribe(this);
        for (Global g : globals.all()) {
            announce(g);
        }
    }

    void announce(Global g) {
        send(CoreProtocol.REGISTRY_GLOBAL, g.name(), g.spec().name(), g.version());
    }

    void announceRemoval(Global g) {
        send(CoreProtocol.REGISTRY_GLOBAL_REMOVE, g.name());
    }

    @Override
    protected void onRequest(WlRegistry.Request request) throws ProtocolError {
        switch (request) {
            case Bind(var name, var wanted) -> bind(name, wanted);
        }
    }

    private void bind(int name, NewObject wanted) throws ProtocolError {
        Global global = client().display().globals().get(name);
        if (global == null) {
            throw invalidObject("invalid global " + wanted.interfaceName() + " (" + name + ")");
        }
        if (!global.spec().name().equals(wanted.interfaceName())) {
            throw invalidObject("invalid interface for global " + name + ": have "
                    + wanted.interfaceName() + ", wanted " + global.spec().name());
        }
        if (wanted.version() < 1 || wanted.version() > global.version()) {
            throw invalidObject("invalid version for global " + global.spec().name()
                    + " (" + name + "): have " + wanted.version() + ", wanted at most " + global.version());
        }
        global.binder().bind(client(), wanted.id(), wanted.version());
    }

    private ProtocolError invalidObject(String message) {
        return ProtocolError.on(this, CoreProtocol.WL_DISPLAY, "invalid_object", message);
    }

    @Override
    protected void onDestroy() {
        client().display().globals().unsubscribe(this);
    }
}
