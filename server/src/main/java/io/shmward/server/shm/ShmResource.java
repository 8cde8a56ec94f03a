package io.shmward.server.shm;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.wayland.WlShm;
import io.shmward.protocol.wayland.WlShm.CreatePool;
import io.shmward.protocol.wayland.WlShm.Release;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_shm}: announces the formats and creates pools from client fds. */
final class ShmResource extends Resource<WlShm.Request> {
    private static final int O_ACCMODE = 03;
    private static final int O_WRONLY = 01;
    private static final int F_GETFL = 3;

    private final Shm shm;

    ShmResource(Shm shm, Client client, int id, int version) {
        super(client, id, WlShm.TYPE, version);
        this.shm = shm;
        for (ShmFormat f : shm.settings().formats().all()) {
            send(Shm.SHM_FORMAT, f.code());
        }
    }

    @Override
    protected void onRequest(WlShm.Request request) throws ProtocolError {
        switch (request) {
            case CreatePool(var id, var fd, var size) -> createPool(id, fd.take(), size);
            case Release() -> destroy();
        }
    }

    /**
     * libwayland's checks, in its order; the fd is ours from the start and given up on every refusal. A
     * shmem file is probed here on the loop; any other fd's probe may block (a FUSE file asks the client's
     * own daemon), so it runs on a worker while this client waits, and the pool is made when it answers.
     */
    private void createPool(int id, int fd, int size) throws ProtocolError {
        if (size <= 0) {
            refuse(fd);
            throw ProtocolError.on(this, "invalid_stride", "invalid size (" + size + ")");
        }
        if (Libc.isShmem(fd)) {
            openPool(id, fd, size, probe(fd, true));
            return;
        }
        client().offLoop().run(client(), () -> probe(fd, false), probe -> openPool(id, fd, size, probe),
                () -> refuse(fd), () -> ProtocolError.on(this, "invalid_fd", "fd " + fd + " did not answer within "
                        + client().offLoop().limit().toMillis() + " ms"));
    }

    private void openPool(int id, int fd, int size, Probe probe) throws ProtocolError {
        if (probe.refusal() != null) {
            refuse(fd);
            throw ProtocolError.on(this, "invalid_fd", probe.refusal());
        }
        ClientShmUsage usage = shm.usageOf(client());
        try {
            usage.admitPool(size);
        } catch (ProtocolError e) {
            refuse(fd);
            throw e;
        }
        PoolMemory memory;
        try {
            memory = PoolMemory.open(fd, size, probe.facts(), shm.totals().mappedBytes(), shm.events(),
                    client()::closeFd, usage::poolMemoryClosed);
        } catch (OsException e) {
            usage.poolDestroyed();
            usage.poolMemoryClosed(size);
            refuse(fd);
            throw ProtocolError.on(this, "invalid_fd", "failed mmap fd " + fd + ": " + e.getMessage());
        }
        new ShmPoolResource(shm, client(), id, version(), memory);
    }

    private void refuse(int fd) {
        client().closeFd(fd);
        shm.events().poolFdRefused();
    }

    /** What probing a pool's fd found: the facts, or why it cannot be a pool. */
    private record Probe(PoolFileFacts facts, String refusal) {
    }

    /** A pool must be a regular file we can read: pipes, sockets, directories, devices cannot be pools. */
    private static Probe probe(int fd, boolean shmem) {
        try {
            PoolFileFacts facts = shmem ? PoolFileFacts.probeShmem(fd) : PoolFileFacts.probeOther(fd);
            if (!facts.stat().isRegularFile()) {
                return new Probe(null, "fd " + fd + " is a " + facts.stat().kind()
                        + ", not a regular file that can be mapped");
            }
            if ((Libc.fcntl(fd, F_GETFL, 0) & O_ACCMODE) == O_WRONLY) {
                return new Probe(null, "fd " + fd + " is open for writing only");
            }
            return new Probe(facts, null);
        } catch (OsException e) {
            return new Probe(null, "cannot inspect fd " + fd + ": " + e.getMessage());
        }
    }
}
