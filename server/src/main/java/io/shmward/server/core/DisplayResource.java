package io.shmward.server.core;

import io.shmward.protocol.wayland.WlDisplay;
import io.shmward.protocol.wayland.WlDisplay.GetRegistry;
import io.shmward.protocol.wayland.WlDisplay.Sync;

/** {@code wl_display}, id 1 of every client: {@code sync} and {@code get_registry}. */
final class DisplayResource extends Resource<WlDisplay.Request> {

    DisplayResource(Client client) {
        super(client, Client.DISPLAY_ID, WlDisplay.TYPE, 1);
    }

    @Override
    protected void onRequest(WlDisplay.Request request) throws ProtocolError {
        switch (request) {
            case Sync(var callback) -> CallbackResource.fireNow(client(), callback, client().display().nextSerial());
            case GetRegistry(var registry) -> new RegistryResource(client(), registry);
        }
    }
}
