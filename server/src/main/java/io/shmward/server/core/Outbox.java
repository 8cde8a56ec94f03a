package io.shmward.server.core;

import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.Message;

/** Where a client's events go: the transport encodes and sends them, and closes the connection on request. */
public interface Outbox {
    /** Queues {@code event} for sending; the fds among its arguments now belong to the outbox. */
    void send(Message event);

    /**
     * Queues an event whose one argument is an int-like value (int, uint, fixed, object, typed new_id), or
     * that has none ({@code spec} says which), without a {@link Message}: the hottest events (callback
     * {@code done}, {@code delete_id}, buffer {@code release}) go out allocating nothing.
     */
    default void sendInts(int objectId, MessageSpec event, int value) {
        send(event.args().isEmpty() ? new Message(objectId, event) : new Message(objectId, event, value));
    }

    /** Flushes what is queued and closes the connection. */
    void close(DisconnectReason reason);

    /** Stops dispatching the client's requests (they stay queued, in order) until as many resumes. */
    void holdDispatch();

    /** Undoes one {@link #holdDispatch()}; the last one resumes dispatching on a later turn of the loop. */
    void resumeDispatch();
}
