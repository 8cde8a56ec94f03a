package io.shmward.server.compositor;

import io.shmward.server.core.ProtocolError;

/**
 * One client's share of the server's memory for surface content: the bytes of its surfaces' snapshots.
 * A snapshot is the server's own copy of a committed buffer, so without a bound one client could have the
 * server allocate gigabytes per surface out of a single sparse pool (a 1 GiB buffer shown on a thousand
 * surfaces) until the kernel kills the server, and every other client with it.
 */
final class ContentBudget {
    private long bytes;

    /** Counts {@code more} bytes (negative when a snapshot shrinks), or refuses them with no_memory. */
    void admit(long limit, long more) throws ProtocolError {
        if (bytes + more > limit) {
            throw ProtocolError.limitExceeded("surface content limit of " + limit + " bytes");
        }
        bytes += more;
    }

    void release(long fewer) {
        bytes -= fewer;
    }
}
