package io.shmward.server.shm;

import io.shmward.os.FileStat;
import io.shmward.os.Libc;
import io.shmward.os.OsException;

/** What the kernel says about a pool's file: type and size (fstat), file system (fstatfs), seals. */
record PoolFileFacts(FileStat stat, long fileSystem, int seals) {

    static PoolFileFacts probe(int fd) throws OsException {
        FileStat stat = Libc.fstat(fd);
        if (!stat.isRegularFile()) {
            return new PoolFileFacts(stat, 0, 0);
        }
        return new PoolFileFacts(stat, Libc.fstatfsType(fd), Libc.seals(fd));
    }

    /**
     * True when a mapping of {@code poolSize} bytes can never fault: a shmem file (tmpfs, not hugetlbfs)
     * that cannot shrink and already covers the pool. Growth is harmless; only a shrink makes pages vanish.
     */
    boolean safeToMap(long poolSize) {
        return fileSystem == Libc.TMPFS_MAGIC && shrinkSealed() && stat.size() >= poolSize;
    }

    boolean shrinkSealed() {
        return (seals & Libc.F_SEAL_SHRINK) != 0;
    }
}
