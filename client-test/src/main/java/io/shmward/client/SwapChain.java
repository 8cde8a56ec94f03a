package io.shmward.client;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Two ARGB8888 buffers in one pool, drawn and presented the way a well-behaved shm client does it: a buffer
 * is written only after the compositor released it ({@code wl_buffer.release}), and a frame is attach +
 * damage_buffer + commit in one write. The pool is a memfd, sealed against shrinking as toolkits create
 * them unless asked otherwise, and this client writes it through its own mapping.
 */
public final class SwapChain implements AutoCloseable {
    private final VisibleSurface surface;
    private final int width;
    private final int height;
    private final long frameBytes;
    private final MemFile file;
    private final MemorySegment pixels;
    private final ClientObject[] buffers = new ClientObject[2];
    private final boolean[] busy = new boolean[2];
    private int frames;

    /** Over a memfd sealed against shrinking. */
    public SwapChain(VisibleSurface surface, int width, int height) throws IOException {
        this(surface, width, height, PoolFileKind.SEALED);
    }

    public SwapChain(VisibleSurface surface, int width, int height, PoolFileKind poolFile) throws IOException {
        this.surface = surface;
        this.width = width;
        this.height = height;
        this.frameBytes = (long) width * height * 4;
        ShmScene scene = surface.scene();
        this.file = poolFile.create("shmward-swapchain", 2 * frameBytes);
        this.pixels = Libc.mmap(2 * frameBytes, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, file.fd(), 0)
                .reinterpret(2 * frameBytes);
        ClientObject pool = scene.createPool(file.fd(), Math.toIntExact(2 * frameBytes));
        for (int i = 0; i < 2; i++) {
            int index = i;
            buffers[i] = scene.createBuffer(pool, Math.toIntExact(i * frameBytes), width, height, width * 4,
                    ShmScene.ARGB8888);
            buffers[i].onEvent(m -> {
                if (m.name().equals("release")) {
                    busy[index] = false;
                }
            });
        }
    }

    /**
     * Waits until a buffer is released, fills it with this frame's colour and presents it; with
     * {@code sync}, a {@code wl_display.sync} rides in the same write and is returned, so the caller can wait
     * for the compositor to have applied the commit. Returns null without sync.
     */
    public ClientObject present(boolean sync, Duration timeout) throws IOException {
        WaylandClient client = surface.scene().client();
        client.dispatchUntil(() -> !busy[0] || !busy[1], timeout);
        int i = busy[0] ? 1 : 0;
        frames++;
        pixels.asSlice(i * frameBytes, frameBytes).fill((byte) frames);
        busy[i] = true;
        ClientObject surfaceObject = surface.surface();
        try (WaylandClient.Batch batch = client.batch()) {
            surfaceObject.send("attach", buffers[i].id(), 0, 0);
            surfaceObject.send("damage_buffer", 0, 0, width, height);
            surfaceObject.send("commit");
            return sync ? client.create(client.display(), "sync", (Object) null) : null;
        }
    }

    public int frames() {
        return frames;
    }

    @Override
    public void close() {
        try {
            Libc.munmap(pixels, 2 * frameBytes);
        } catch (OsException e) {
            // the mapping is ours and valid; nothing to do if the kernel disagrees
        }
        file.close();
    }
}
