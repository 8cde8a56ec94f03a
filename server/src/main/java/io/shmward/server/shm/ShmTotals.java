package io.shmward.server.shm;

import io.shmward.server.core.SharedBudget;

/**
 * The server-wide shm budgets ({@link ShmLimits}'s totals), shared by every client's
 * {@link ClientShmUsage} and, for mappings, by every {@link PoolMemory}.
 */
record ShmTotals(SharedBudget poolFiles, SharedBudget poolBytes, SharedBudget mappedBytes) {
    static ShmTotals of(ShmLimits limits) {
        return new ShmTotals(new SharedBudget("pool file", limits.totalPoolFiles()),
                new SharedBudget("pool byte", limits.totalPoolBytes()),
                new SharedBudget("mapped byte", limits.totalMappedBytes()));
    }
}
