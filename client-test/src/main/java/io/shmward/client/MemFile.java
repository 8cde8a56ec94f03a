package io.shmward.client;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a client shares as a wl_shm pool: a memfd (sealed against shrinking or not), a file under
 * /dev/shm, or an ordinary file on disk. It can be filled, truncated and grown like a real (or malicious)
 * client would.
 */
public final class MemFile implements AutoCloseable {
    private final int fd;

    private MemFile(int fd) {
        this.fd = fd;
    }

    /** An unsealed memfd of {@code size} bytes. */
    public static MemFile memfd(String name, long size) throws OsException {
        MemFile f = new MemFile(Libc.memfdCreate(name, Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING));
        f.truncate(size);
        return f;
    }

    /** A memfd sealed with F_SEAL_SHRINK, as weston and most toolkits create them. */
    public static MemFile sealedMemfd(String name, long size) throws OsException {
        MemFile f = memfd(name, size);
        Libc.addSeals(f.fd, Libc.F_SEAL_SHRINK);
        return f;
    }

    /** A file in {@code dir} (/dev/shm, or a directory on disk), unlinked at once like a careful client does. */
    public static MemFile fileIn(Path dir, long size) throws IOException {
        Path path = Files.createTempFile(dir, "shmward-pool-", ".bin");
        try {
            MemFile f = new MemFile(Libc.open(path.toString(), Libc.O_RDWR | Libc.O_CLOEXEC, 0600));
            f.truncate(size);
            return f;
        } finally {
            Files.delete(path);
        }
    }

    public int fd() {
        return fd;
    }

    public void truncate(long size) throws OsException {
        Libc.ftruncate(fd, size);
    }

    public long size() throws OsException {
        return Libc.fstat(fd).size();
    }

    /** Writes {@code bytes} at {@code offset}. */
    public void write(long offset, byte[] bytes) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes);
            long done = 0;
            while (done < bytes.length) {
                done += Libc.pwrite(fd, src.asSlice(done), bytes.length - done, offset + done);
            }
        }
    }

    /** Fills {@code length} bytes at {@code offset} with the repeating 32-bit pixel {@code argb}. */
    public void fillPixels(long offset, long length, int argb) throws OsException {
        byte[] chunk = new byte[(int) Math.min(length, 1 << 20)];
        for (int i = 0; i + 3 < chunk.length; i += 4) {
            chunk[i] = (byte) argb;
            chunk[i + 1] = (byte) (argb >>> 8);
            chunk[i + 2] = (byte) (argb >>> 16);
            chunk[i + 3] = (byte) (argb >>> 24);
        }
        for (long at = 0; at < length; at += chunk.length) {
            int n = (int) Math.min(chunk.length, length - at);
            write(offset + at, n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n));
        }
    }

    @Override
    public void close() {
        Libc.closeQuietly(fd);
    }
}
