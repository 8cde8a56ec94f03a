package io.shmward.server.core;

import io.shmward.protocol.wire.Message;
import java.util.List;

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

    /** The fds a request carried that its handler did not take were closed. */
    default void unclaimedFdsClosed(Client client, int count) {
    }

    /** Something of ours failed (an exception or an Error) while serving {@code client}. */
    default void internalError(Client client, Throwable error) {
    }

    CoreObserver NONE = new CoreObserver() {
    };

    /** One observer that tells each of {@code observers}, in order. */
    static CoreObserver all(CoreObserver... observers) {
        List<CoreObserver> each = List.of(observers);
        return new CoreObserver() {
            @Override
            public void clientConnected(Client client) {
                each.forEach(o -> o.clientConnected(client));
            }

            @Override
            public void clientDisconnected(Client client, DisconnectReason reason) {
                each.forEach(o -> o.clientDisconnected(client, reason));
            }

            // per message: plain loops, since a capturing lambda would allocate at every request and event

            @Override
            public void requestDispatched(Client client, Message request, long nanos) {
                for (CoreObserver o : observers) {
                    o.requestDispatched(client, request, nanos);
                }
            }

            @Override
            public void eventSent(Client client, Message event) {
                for (CoreObserver o : observers) {
                    o.eventSent(client, event);
                }
            }

            @Override
            public void protocolErrorPosted(Client client, ProtocolError error) {
                each.forEach(o -> o.protocolErrorPosted(client, error));
            }

            @Override
            public void unclaimedFdsClosed(Client client, int count) {
                each.forEach(o -> o.unclaimedFdsClosed(client, count));
            }

            @Override
            public void internalError(Client client, Throwable error) {
                each.forEach(o -> o.internalError(client, error));
            }
        };
    }
}
