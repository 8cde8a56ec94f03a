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
        Arena arena = Arena.ofShared();
        try {
            return new Mapping(arena, Libc.mmap(arena, size, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0));
        } catch (OsException e) {
            arena.close();
            throw e;
        }
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
}
