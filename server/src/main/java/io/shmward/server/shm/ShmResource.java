package io.shmward.server.shm;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.wire.Message;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_shm}: announces the formats and creates pools from client fds. */
final class ShmResource extends Resource {
    private static final int O_ACCMODE = 03;
    private static final int O_WRONLY = 01;
    private static final int F_GETFL = 3;

    private final Shm shm;

    ShmResource(Shm shm, Client client, int id, int version) {
        super(client, id, Shm.WL_SHM, version);
        this.shm = shm;
        for (ShmFormat f : shm.settings().formats().all()) {
            send(Shm.SHM_FORMAT, f.code());
        }
    }

    @Override
    protected void onRequest(Message request) throws ProtocolError {
        switch (request.name()) {
            case "create_pool" -> createPool(request.intArg(0), request.claimFd(1), request.intArg(2));
            case "release" -> destroy();
            default -> throw unhandled(request);
        }
    }

    /** libwayland's checks, in its order; the fd is ours from the start and closed on every refusal. */
    private void createPool(int id, int fd, int size) throws ProtocolError {
        PoolMemory memory;
        try {
            if (size <= 0) {
                throw ProtocolError.on(this, "invalid_stride", "invalid size (" + size + ")");
            }
            PoolFileFacts facts = probe(fd);
            ClientShmUsage usage = shm.usageOf(client());
            usage.admitPool(shm.settings().limits(), size);
            try {
                memory = PoolMemory.open(fd, size, facts, shm.events(), () -> usage.poolMemoryClosed(size));
            } catch (OsException e) {
                usage.poolDestroyed();
                usage.poolMemoryClosed(size);
                throw ProtocolError.on(this, "invalid_fd", "failed mmap fd " + fd + ": " + e.getMessage());
            }
        } catch (ProtocolError e) {
            Libc.closeQuietly(fd);
            shm.events().poolFdRefused();
            throw e;
        }
        new ShmPoolResource(shm, client(), id, version(), memory);
    }

    /** A pool must be a regular file we can read: pipes, sockets, directories, devices cannot be pools. */
    private PoolFileFacts probe(int fd) throws ProtocolError {
        try {
            PoolFileFacts facts = PoolFileFacts.probe(fd);
            if (!facts.stat().isRegularFile()) {
                throw ProtocolError.on(this, "invalid_fd", "fd " + fd + " is a " + facts.stat().kind()
                        + ", not a regular file that can be mapped");
            }
            if ((Libc.fcntl(fd, F_GETFL, 0) & O_ACCMODE) == O_WRONLY) {
                throw ProtocolError.on(this, "invalid_fd", "fd " + fd + " is open for writing only");
            }
            return facts;
        } catch (OsException e) {
            throw ProtocolError.on(this, "invalid_fd", "cannot inspect fd " + fd + ": " + e.getMessage());
        }
    }
}
