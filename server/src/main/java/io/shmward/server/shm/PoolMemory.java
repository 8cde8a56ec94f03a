package io.shmward.server.shm;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.server.core.SharedBudget;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * The memory behind one {@code wl_shm_pool}: the client's fd, the pool's size, and a mapping when the file
 * can never shrink under it. Reference-counted: the pool resource holds one reference and every buffer
 * created from it another, so buffers outlive {@code wl_shm_pool.destroy}; the mapping is unmapped and the
 * fd closed when the last reference goes.
 *
 * <p>Nothing outside this class sees an address. Reads go through {@link #read}, which re-derives the
 * mapping at each call, so a remap at resize can never leave a caller with a stale address.
 */
public final class PoolMemory {
    /**
     * Ranges from this size up are checked for holes before a mapped read. The lseek walks the file's pages
     * (about 95 µs per 8 MiB written here, a fifth of copying them), so ordinary frames are not checked; from
     * 64 MiB up it costs about a tenth of the copy, and the allocation it avoids costs seconds per GiB.
     */
    private static final long HOLE_CHECK_BYTES = 64L << 20;
    /**
     * Ranges from this size up are read off the event loop even from a shmem file. 16 MiB takes 1-2 ms to
     * copy on this project's machines (8-20 GB/s), the most one client should hold the loop for; a 1080p
     * frame (8 MiB) stays on the loop, where it costs no thread hand-off, and a 4K frame (32 MiB) goes off it.
     */
    static final long OFF_LOOP_BYTES = 16L << 20;

    private final int fd;
    private final boolean shmem;
    private final SharedBudget mappedBytes;
    private final ShmEvents events;
    private final IntConsumer closeFd;
    private final LongConsumer onClose;
    private long size;
    private Mapping mapping;
    private int references = 1;

    private PoolMemory(int fd, long size, boolean shmem, SharedBudget mappedBytes, ShmEvents events,
                       IntConsumer closeFd, LongConsumer onClose) {
        this.fd = fd;
        this.size = size;
        this.shmem = shmem;
        this.mappedBytes = mappedBytes;
        this.events = events;
        this.closeFd = closeFd;
        this.onClose = onClose;
    }

    /**
     * Takes ownership of {@code fd} for a pool of {@code size} bytes. The caller has checked the file is
     * regular and readable; a pool that may map does so now (and a failing mmap is the caller's invalid_fd).
     * The fd is given up through {@code closeFd} (its client's, which keeps a close that blocks off the loop);
     * {@code onClose} hears the pool's size when the last reference goes: its size then, grown or not. A
     * pool whose mapping would pass the server-wide {@code mappedBytes} is read by pread instead.
     */
    static PoolMemory open(int fd, long size, PoolFileFacts facts, SharedBudget mappedBytes, ShmEvents events,
                           IntConsumer closeFd, LongConsumer onClose) throws OsException {
        PoolMemory memory = new PoolMemory(fd, size, facts.shmem(), mappedBytes, events, closeFd, onClose);
        if (facts.safeToMap(size)) {
            memory.mapping = memory.map(size);
        }
        events.poolOpened(facts.shrinkSealed());
        return memory;
    }

    /** A mapping of {@code length} bytes, or null when it would pass the server-wide mapped bytes. */
    private Mapping map(long length) throws OsException {
        if (!mappedBytes.tryAdmit(length)) {
            return null;
        }
        try {
            Mapping m = Mapping.map(fd, length);
            events.mapped(length);
            return m;
        } catch (OsException e) {
            mappedBytes.release(length);
            throw e;
        }
    }

    private void unmap(Mapping m) {
        m.close();
        mappedBytes.release(m.size());
        events.unmapped(m.size());
    }

    public long size() {
        return size;
    }

    /** True when the file is a memfd or tmpfs file: nothing done with it can wait on anyone. */
    boolean isShmem() {
        return shmem;
    }

    /** True on the zero-copy path (sealed memfd covering the pool); false on the pread path. */
    public boolean isMapped() {
        return mapping != null;
    }

    /**
     * True when reading {@code length} bytes of this pool must not happen on the event loop: the file is not
     * shmem (any call on it may wait on someone else), or the range is large ({@link #OFF_LOOP_BYTES}).
     */
    boolean readsOffLoop(long length) {
        return !shmem || length >= OFF_LOOP_BYTES;
    }

    /**
     * Grows the pool. A file that is not shmem is never mapped, and only the size changes (no call on it
     * here: it may block). A shmem file is probed again: it may have been sealed small and the pool now
     * reaches past its end (libwayland only checks at creation), in which case the pool leaves the mapped
     * path for good reads by pread. Otherwise the pool is mapped anew at the new size and the old mapping
     * unmapped; buffers hold this object, not the mapping, so they keep reading the right bytes.
     */
    void grow(long newSize) throws OsException {
        if (!shmem) {
            size = newSize;
            events.resized(false, false);
            return;
        }
        PoolFileFacts facts = PoolFileFacts.probeShmem(fd);
        Mapping old = mapping;
        if (old != null) {
            unmap(old); // first, so the new mapping's bytes fit the budget the old one held
            mapping = null;
        }
        Mapping fresh = facts.safeToMap(newSize) ? map(newSize) : null;
        size = newSize;
        mapping = fresh;
        events.resized(fresh != null, old != null && fresh == null);
    }

    /**
     * Copies {@code length} bytes at pool offset {@code offset} into {@code dst} at {@code dstOffset}. The
     * caller guarantees the range lies inside the pool (create_buffer checked it). Bytes the file no longer
     * has are written as zeros and reported; this method never faults and never throws for a client's doing.
     * {@code byMapping} is what {@link #readsByMapping} said of this range or of one containing it (asked
     * once per rectangle, since the lseek behind it walks the file); without a mapping it is pread anyway.
     */
    ReadOutcome read(long offset, long length, MemorySegment dst, long dstOffset, boolean byMapping) {
        if (byMapping && mapping != null) {
            MemorySegment.copy(mapping.segment(), offset, dst, dstOffset, length);
            return ReadOutcome.complete(length);
        }
        long done = 0;
        try {
            while (done < length) {
                long n = Libc.pread(fd, dst.asSlice(dstOffset + done, length - done), length - done, offset + done);
                if (n == 0) {
                    break;
                }
                done += n;
            }
        } catch (OsException e) {
            dst.asSlice(dstOffset + done, length - done).fill((byte) 0);
            return new ReadOutcome(length, length - done, ReadOutcome.Failure.IO_ERROR, e.errno());
        }
        if (done < length) {
            dst.asSlice(dstOffset + done, length - done).fill((byte) 0);
            return new ReadOutcome(length, length - done, ReadOutcome.Failure.TRUNCATED, 0);
        }
        return ReadOutcome.complete(length);
    }

    /**
     * True when {@code [offset, offset + length)} is best read through the mapping: a mapped pool, unless a
     * large range has holes (pages the client never wrote). Reading a hole of a shmem file through a mapping
     * makes the kernel allocate its pages, charged to the server; a 1 GiB never-written buffer took seconds
     * on the event loop. pread reads holes as zeros without allocating, so such ranges go that way. Ranges
     * under {@link #HOLE_CHECK_BYTES} are not asked about: there the lseek would cost too much of the copy.
     */
    boolean readsByMapping(long offset, long length) {
        if (mapping == null) {
            return false;
        }
        if (length < HOLE_CHECK_BYTES) {
            return true;
        }
        try {
            return Libc.lseek(fd, offset, Libc.SEEK_HOLE) >= offset + length;
        } catch (OsException e) {
            return false; // pread copes with whatever the file is
        }
    }

    /** The file's current size, for reports; -1 if even fstat fails. Off the loop unless the file is shmem. */
    long currentFileSize() {
        try {
            return Libc.fstat(fd).size();
        } catch (OsException e) {
            return -1;
        }
    }

    void retain() {
        if (references == 0) {
            throw new IllegalStateException("pool memory already released");
        }
        references++;
    }

    /** Drops one reference; the last one unmaps and closes the fd. */
    void release() {
        if (--references > 0) {
            return;
        }
        if (mapping != null) {
            unmap(mapping);
            mapping = null;
        }
        closeFd.accept(fd);
        events.poolClosed();
        onClose.accept(size);
    }
}
