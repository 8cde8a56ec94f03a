package io.shmward.server.core;

import io.shmward.protocol.wire.Message;

/** {@code wl_display}, id 1 of every client: {@code sync} and {@code get_registry}. */
final class DisplayResource extends Resource {

    DisplayResource(Client client) {
        super(client, Client.DISPLAY_ID, CoreProtocol.WL_DISPLAY, 1);
    }

    @Override
    protected void onRequest(Message request) throws ProtocolError {
        switch (request.name()) {
            case "sync" -> CallbackResource.fireNow(client(), request.intArg(0), client().display().nextSerial());
            case "get_registry" -> new RegistryResource(client(), request.intArg(0));
            default -> throw unhandled(request);
        }
    }
}
