package io.shmward.server.transport;

/**
 * What the transport reports about client fds; metrics listen. Called on the event loop. Every fd the
 * kernel delivers is reported received once, and reported closed here only when it never reached a
 * request (the core and the subsystems report the closes of fds that did).
 */
public interface TransportObserver {
    /** The kernel delivered one fd with a client's bytes. */
    default void fdReceived() {
    }

    /** The transport closed a received fd no request took: queue overflow, or still queued at disconnect. */
    default void fdClosed() {
    }

    /** A connection could not be accepted: the process (or the system) is out of fds. */
    default void acceptRefusedForFds() {
    }

    TransportObserver NONE = new TransportObserver() {
    };
}
