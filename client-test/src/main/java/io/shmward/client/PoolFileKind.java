package io.shmward.client;

import io.shmward.os.OsException;

/**
 * How a client's pool file is made, which decides how a compositor under the no-SIGBUS policy reads it:
 * a memfd sealed against shrinking may be mapped; an unsealed one must be read with pread.
 */
public enum PoolFileKind {
    /** A memfd with F_SEAL_SHRINK, as weston, foot and most toolkits create them. */
    SEALED,
    /** A plain memfd, which the client may shrink at any time. */
    UNSEALED;

    /** A new file of this kind, {@code size} bytes long. */
    public MemFile create(String name, long size) throws OsException {
        return this == SEALED ? MemFile.sealedMemfd(name, size) : MemFile.memfd(name, size);
    }
}
