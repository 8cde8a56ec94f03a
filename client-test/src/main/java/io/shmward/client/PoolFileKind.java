package io.shmward.client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a client's pool file is made, which decides how a compositor under the no-SIGBUS policy reads it:
 * a memfd sealed against shrinking may be mapped; an unsealed one must be read with pread.
 */
public enum PoolFileKind {
    /** A memfd with F_SEAL_SHRINK, as weston, foot and most toolkits create them. */
    SEALED,
    /** A plain memfd, which the client may shrink at any time. */
    UNSEALED,
    /**
     * A file in the temporary directory ({@code java.io.tmpdir}, usually /tmp, on disk here), as some tools
     * make their pools: not shmem, so a careful compositor probes, reads and closes it off its event loop.
     */
    DISK;

    /** A new file of this kind, {@code size} bytes long. */
    public MemFile create(String name, long size) throws IOException {
        return switch (this) {
            case SEALED -> MemFile.sealedMemfd(name, size);
            case UNSEALED -> MemFile.memfd(name, size);
            case DISK -> MemFile.fileIn(Path.of(System.getProperty("java.io.tmpdir")), size);
        };
    }
}
