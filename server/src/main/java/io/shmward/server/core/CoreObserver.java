package io.shmward.server.core;

import io.shmward.protocol.wire.Message;

/** What the core reports as it runs; metrics and logs listen here, the core never asks them anything. */
public interface CoreObserver {
    default void clientConnected(Client client) {
    }

    default void clientDisconnected(Client client, DisconnectReason reason) {
    }

    default void requestDispatched(Client client, Message request, long nanos) {
    }

    default void eventSent(Client client, Message event) {
    }

    default void protocolErrorPosted(Client client, ProtocolError error) {
    }

    CoreObserver NONE = new CoreObserver() {
    };
}
