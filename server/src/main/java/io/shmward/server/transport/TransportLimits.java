package io.shmward.server.transport;

/**
 * Per-connection bounds of the transport.
 *
 * @param fdQueueCapacity  received fds held before a message takes them; past it the client is dropped
 * @param totalFdQueue     such fds held for all clients together; the client whose fd would pass it is dropped
 * @param maxOutgoingBytes events queued for a client that does not read; past it the client is dropped
 */
public record TransportLimits(int fdQueueCapacity, int totalFdQueue, long maxOutgoingBytes) {
    public static final TransportLimits DEFAULTS = new TransportLimits(1024, 4096, 4L << 20);
}
