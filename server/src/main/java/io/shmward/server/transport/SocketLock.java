package io.shmward.server.transport;

import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code <socket>.lock} file, held with an exclusive {@code flock} for the server's lifetime, as
 * libwayland does: it tells compositors apart from stale sockets. A socket file is removed only by whoever
 * holds its lock. The JDK's FileLock uses fcntl record locks, which do not exclude libwayland's flock, so
 * the lock is taken with flock itself.
 */
final class SocketLock implements AutoCloseable {
    private final SocketPlace place;
    private final int fd;

    private SocketLock(SocketPlace place, int fd) {
        this.place = place;
        this.fd = fd;
    }

    /** Takes the lock and removes a stale socket file; fails clearly when another server holds the name. */
    static SocketLock acquire(SocketPlace place) throws IOException {
        Path lock = place.lockFile();
        int fd = Libc.open(lock.toString(), Libc.O_CREAT | Libc.O_RDWR | Libc.O_CLOEXEC, 0660);
        try {
            Libc.flock(fd, Libc.LOCK_EX | Libc.LOCK_NB);
        } catch (OsException e) {
            Libc.closeQuietly(fd);
            if (e.errno() == Errno.EAGAIN) {
                throw new IOException("socket " + place.socket() + " is in use: another compositor holds " + lock);
            }
            throw e;
        }
        Files.deleteIfExists(place.socket()); // stale: its owner is gone, or it would hold the lock
        return new SocketLock(place, fd);
    }

    /** Removes the socket and lock files and releases the lock, in libwayland's order. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(place.socket());
            Files.deleteIfExists(place.lockFile());
        } catch (IOException ignored) {
            // best effort at shutdown; the next server treats leftovers as stale
        }
        Libc.closeQuietly(fd);
        if (place.privateRuntimeDir()) {
            try {
                Files.deleteIfExists(place.runtimeDir());
            } catch (IOException ignored) {
                // a client may have left files there; the directory is private and harmless
            }
        }
    }
}
