package io.shmward.server.shm;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A read-only shared mapping of a pool's file, tied to its own arena: closing the arena unmaps it, and any
 * access after that is an {@link IllegalStateException}, never a read of unmapped memory.
 */
final class Mapping implements AutoCloseable {
    private final Arena arena;
    private final MemorySegment segment;

    private Mapping(Arena arena, MemorySegment segment) {
        this.arena = arena;
        this.segment = segment;
    }

    static Mapping map(int fd, long size) throws OsException {
        MemorySegment address = Libc.mmap(size, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
        Arena arena = Arena.ofShared();
        MemorySegment segment = address.reinterpret(size, arena, s -> unmap(address, size));
        return new Mapping(arena, segment);
    }

    MemorySegment segment() {
        return segment;
    }

    long size() {
        return segment.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }

    private static void unmap(MemorySegment address, long size) {
        try {
            Libc.munmap(address, size);
        } catch (OsException e) {
            throw new IllegalStateException("munmap failed: " + e.getMessage(), e);
        }
    }
}
