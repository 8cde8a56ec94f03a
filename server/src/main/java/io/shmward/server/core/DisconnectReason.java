package io.shmward.server.core;

/** Why a connection ended; a bounded set, so it can tag metrics. */
public enum DisconnectReason {
    /** The client closed its end. */
    CLEAN,
    /** The client was sent a protocol error. */
    PROTOCOL_ERROR,
    /** The client did not read its events and its outgoing queue passed the limit. */
    BACK_PRESSURE,
    /** The client passed a resource limit (fd queue, objects, pools, bytes). */
    LIMIT_EXCEEDED,
    /** The client truncated a pool under the {@code error} reaction. */
    TRUNCATION,
    /** The client did not answer a ping in time. */
    PING_TIMEOUT,
    /** Reading or writing the socket failed. */
    IO_ERROR,
    /** A system call on an fd the client sent took longer than the time limit. */
    FD_TIMEOUT,
    /** The client had too many fds waiting for a close that blocks. */
    FD_QUARANTINE,
    /** A bug of ours, or an Error, while serving the client. */
    INTERNAL_ERROR,
    /** The server is stopping. */
    SERVER_SHUTDOWN;

    /** The lower-case form used in metric tags and logs. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
