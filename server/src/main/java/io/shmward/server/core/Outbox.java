package io.shmward.server.core;

import io.shmward.protocol.wire.Message;

/** Where a client's events go: the transport encodes and sends them, and closes the connection on request. */
public interface Outbox {
    /** Queues {@code event} for sending; the fds among its arguments now belong to the outbox. */
    void send(Message event);

    /** Flushes what is queued and closes the connection. */
    void close(DisconnectReason reason);
}
