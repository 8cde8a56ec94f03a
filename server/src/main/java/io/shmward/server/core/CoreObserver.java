package io.shmward.server.core;

import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.Message;

/** What the core reports as it runs; metrics and logs listen here, the core never asks them anything. */
public interface CoreObserver {
    default void clientConnected(Client client) {
    }

    default void clientDisconnected(Client client, DisconnectReason reason) {
    }

    /** {@code nanos} of a request that was not timed. */
    long UNTIMED = -1;

    /** A request was dispatched; {@code nanos} is how long it took, or {@link #UNTIMED}. */
    default void requestDispatched(Client client, MessageSpec request, long nanos) {
    }

    default void eventSent(Client client, MessageSpec event) {
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

    /**
     * One observer that tells each of {@code observers}, in order. Plain loops: some of these run at every
     * request and event, where a capturing lambda would allocate each time.
     */
    static CoreObserver all(CoreObserver... observers) {
        CoreObserver[] each = observers.clone();
        return new CoreObserver() {
            @Override
            public void clientConnected(Client client) {
                for (CoreObserver o : each) {
                    o.clientConnected(client);
                }
            }

            @Override
            public void clientDisconnected(Client client, DisconnectReason reason) {
                for (CoreObserver o : each) {
                    o.clientDisconnected(client, reason);
                }
            }

            @Override
            public void requestDispatched(Client client, MessageSpec request, long nanos) {
                for (CoreObserver o : each) {
                    o.requestDispatched(client, request, nanos);
                }
            }

            @Override
            public void eventSent(Client client, MessageSpec event) {
                for (CoreObserver o : each) {
                    o.eventSent(client, event);
                }
            }

            @Override
            public void protocolErrorPosted(Client client, ProtocolError error) {
                for (CoreObserver o : each) {
                    o.protocolErrorPosted(client, error);
                }
            }

            @Override
            public void unclaimedFdsClosed(Client client, int count) {
                for (CoreObserver o : each) {
                    o.unclaimedFdsClosed(client, count);
                }
            }

            @Override
            public void internalError(Client client, Throwable error) {
                for (CoreObserver o : each) {
                    o.internalError(client, error);
                }
            }
        };
    }
}
