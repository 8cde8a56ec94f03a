package io.shmward.server.shm;

import io.shmward.os.FileStat;
import io.shmward.os.Libc;
import io.shmward.os.OsException;

/**
 * What the kernel says about a pool's file: whether it is a shmem file, its seals, its type and size
 * (fstat) and file system (fstatfs).
 *
 * @param shmem true for a memfd or tmpfs file: probed, read and closed on the event loop, and mappable
 */
record PoolFileFacts(boolean shmem, int seals, FileStat stat, long fileSystem) {
    /**
     * Runs between reading the seals and reading the size. A test seam: it lets a test shrink and seal the
     * file at exactly the moment a racing client aims for. Does nothing in production.
     */
    static volatile Runnable afterSealsRead = () -> { };

    /**
     * Probes a shmem file, on the event loop (nothing here waits on anyone for such a file). The seals are
     * read first: a client may shrink its unsealed file and then seal it, and a size read before the seals
     * could be a size the file no longer has while the seals say it can never shrink. Read after a
     * {@code F_SEAL_SHRINK} was seen, the size is a lower bound for good.
     */
    static PoolFileFacts probeShmem(int fd) throws OsException {
        int seals = Libc.seals(fd);
        afterSealsRead.run();
        FileStat stat = Libc.fstat(fd);
        return new PoolFileFacts(true, seals, stat, Libc.fstatfsType(fd));
    }

    /**
     * Probes any other fd, on a worker: its calls may block. Such a file is never mapped, so its type is
     * all there is to know (its size matters only to reports, and is read when a read comes up short).
     */
    static PoolFileFacts probeOther(int fd) throws OsException {
        return new PoolFileFacts(false, 0, Libc.fstat(fd), 0);
    }

    /**
     * True when a mapping of {@code poolSize} bytes can never fault: a shmem file (tmpfs, not hugetlbfs)
     * that cannot shrink and already covers the pool. Growth is harmless; only a shrink makes pages vanish.
     */
    boolean safeToMap(long poolSize) {
        return shmem && fileSystem == Libc.TMPFS_MAGIC && shrinkSealed() && stat.size() >= poolSize;
    }

    boolean shrinkSealed() {
        return (seals & Libc.F_SEAL_SHRINK) != 0;
    }
}
