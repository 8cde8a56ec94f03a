package io.shmward.server.shm;

import io.shmward.server.core.ProtocolError;

/** One client's shm resources, counted against its {@link ShmLimits} and the server-wide totals. */
final class ClientShmUsage {
    private final ShmLimits limits;
    private final ShmTotals totals;
    private int pools;
    private int buffers;
    private int poolFiles;
    private long poolBytes;

    ClientShmUsage(ShmLimits limits, ShmTotals totals) {
        this.limits = limits;
        this.totals = totals;
    }

    void admitPool(long size) throws ProtocolError {
        check(pools < limits.pools(), "wl_shm_pool limit of " + limits.pools());
        check(poolFiles < limits.poolFiles(), "open pool file limit of " + limits.poolFiles());
        check(poolBytes + size <= limits.poolBytes(), "pool byte limit of " + limits.poolBytes());
        totals.poolFiles().check(1);
        totals.poolBytes().check(size);
        totals.poolFiles().count(1);
        totals.poolBytes().count(size);
        pools++;
        poolFiles++;
        poolBytes += size;
    }

    void admitGrowth(long by) throws ProtocolError {
        check(poolBytes + by <= limits.poolBytes(), "pool byte limit of " + limits.poolBytes());
        totals.poolBytes().admit(by);
        poolBytes += by;
    }

    /** Gives back a growth admitted for a resize that then failed (the pool kept its old size). */
    void withdrawGrowth(long by) {
        poolBytes -= by;
        totals.poolBytes().release(by);
    }

    void admitBuffer() throws ProtocolError {
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
        totals.poolFiles().release(1);
        totals.poolBytes().release(size);
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
