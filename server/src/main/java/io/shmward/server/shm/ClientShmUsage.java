package io.shmward.server.shm;

import io.shmward.server.core.ProtocolError;

/** One client's shm resources, counted against {@link ShmLimits}. */
final class ClientShmUsage {
    private int pools;
    private int buffers;
    private int poolFiles;
    private long poolBytes;

    void admitPool(ShmLimits limits, long size) throws ProtocolError {
        check(pools < limits.pools(), "wl_shm_pool limit of " + limits.pools());
        check(poolFiles < limits.poolFiles(), "open pool file limit of " + limits.poolFiles());
        check(poolBytes + size <= limits.poolBytes(), "pool byte limit of " + limits.poolBytes());
        pools++;
        poolFiles++;
        poolBytes += size;
    }

    void admitGrowth(ShmLimits limits, long by) throws ProtocolError {
        check(poolBytes + by <= limits.poolBytes(), "pool byte limit of " + limits.poolBytes());
        poolBytes += by;
    }

    /** Gives back a growth admitted for a resize that then failed (the pool kept its old size). */
    void withdrawGrowth(long by) {
        poolBytes -= by;
    }

    void admitBuffer(ShmLimits limits) throws ProtocolError {
        check(buffers < limits.buffers(), "wl_buffer limit of " + limits.buffers());
        buffers++;
    }

    void poolDestroyed() {
        pools--;
    }

    /** A pool's memory went, at {@code size} bytes: its size then, after any resize. */
    void poolMemoryClosed(long size) {
        poolFiles--;
        poolBytes -= size;
    }

    void bufferDestroyed() {
        buffers--;
    }

    int pools() {
        return pools;
    }

    private static void check(boolean ok, String limit) throws ProtocolError {
        if (!ok) {
            throw ProtocolError.limitExceeded(limit);
        }
    }
}
