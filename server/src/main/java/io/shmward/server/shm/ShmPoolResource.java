package io.shmward.server.shm;

import io.shmward.os.OsException;
import io.shmward.protocol.wayland.WlShmPool;
import io.shmward.protocol.wayland.WlShmPool.CreateBuffer;
import io.shmward.protocol.wayland.WlShmPool.Destroy;
import io.shmward.protocol.wayland.WlShmPool.Resize;
import io.shmward.server.core.Client;
import io.shmward.server.core.ProtocolError;
import io.shmward.server.core.Resource;

/** {@code wl_shm_pool}: buffers carved out of one pool's memory; grows, never shrinks. */
final class ShmPoolResource extends Resource<WlShmPool.Request> {
    private final Shm shm;
    private final PoolMemory memory;

    ShmPoolResource(Shm shm, Client client, int id, int version, PoolMemory memory) {
        super(client, id, WlShmPool.TYPE, version);
        this.shm = shm;
        this.memory = memory;
    }

    @Override
    protected void onRequest(WlShmPool.Request request) throws ProtocolError {
        switch (request) {
            case CreateBuffer(var id, var offset, var width, var height, var stride, var format) ->
                    createBuffer(id, offset, width, height, stride, format);
            case Resize(var size) -> resize(size);
            case Destroy() -> destroy();
        }
    }

    /**
     * libwayland's checks, made in 64 bits and per format: the stride must be a whole number of pixels and
     * hold the width in bytes (libwayland compares bytes with pixels), and the buffer must lie in the pool.
     */
    private void createBuffer(int id, int offset, int width, int height, int stride, int formatCode)
            throws ProtocolError {
        ShmFormat format = shm.settings().formats().byCode(formatCode);
        if (format == null) {
            throw ProtocolError.on(this, Shm.WL_SHM, "invalid_format", "invalid format 0x" + Integer.toHexString(formatCode));
        }
        if (offset < 0 || width <= 0 || height <= 0) {
            throw invalidStride("invalid offset " + offset + " or size " + width + "x" + height);
        }
        if (stride % format.bytesPerPixel() != 0 || stride < format.minStride(width)) {
            throw invalidStride("invalid stride " + stride + " for " + width + " pixels of " + format.name());
        }
        long end = (long) offset + (long) stride * height;
        if (end > memory.size()) {
            throw invalidStride("buffer of " + ((long) stride * height) + " bytes at offset " + offset
                    + " exceeds the pool's " + memory.size() + " bytes");
        }
        shm.usageOf(client()).admitBuffer();
        memory.retain();
        new BufferResource(shm, client(), id, memory, offset, width, height, stride, format);
    }

    private void resize(int size) throws ProtocolError {
        if (size < memory.size()) {
            throw ProtocolError.on(this, Shm.WL_SHM, "invalid_fd", "shrinking pool invalid");
        }
        if (size == memory.size()) {
            return;
        }
        ClientShmUsage usage = shm.usageOf(client());
        long growth = size - memory.size();
        usage.admitGrowth(growth);
        try {
            memory.grow(size);
        } catch (OsException e) {
            usage.withdrawGrowth(growth);
            throw ProtocolError.on(this, Shm.WL_SHM, "invalid_fd", "failed to remap the pool: " + e.getMessage());
        }
    }

    private ProtocolError invalidStride(String message) {
        return ProtocolError.on(this, Shm.WL_SHM, "invalid_stride", message);
    }

    @Override
    protected void onDestroy() {
        shm.usageOf(client()).poolDestroyed();
        memory.release();
    }
}
