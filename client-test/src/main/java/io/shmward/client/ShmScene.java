package io.shmward.client;

import java.io.IOException;

/**
 * The objects most shm tests and attacks start from: {@code wl_shm} and {@code wl_compositor} bound on one
 * connection, with helpers to make pools, buffers and surfaces and to show a buffer on a surface.
 */
public final class ShmScene {
    /** wl_shm.format codes of the two formats every compositor offers. */
    public static final int ARGB8888 = 0;
    public static final int XRGB8888 = 1;

    private final WaylandClient client;
    private final ClientRegistry registry;
    private final ClientObject shm;
    private final ClientObject compositor;

    private ShmScene(WaylandClient client, ClientRegistry registry, ClientObject shm, ClientObject compositor) {
        this.client = client;
        this.registry = registry;
        this.shm = shm;
        this.compositor = compositor;
    }

    /** Binds wl_shm (version 1) and wl_compositor (version 4) and round-trips so the formats are in. */
    public static ShmScene on(WaylandClient client) throws IOException {
        ClientRegistry registry = client.registry();
        ClientObject shm = registry.bind("wl_shm", 1);
        ClientObject compositor = registry.bind("wl_compositor", 4);
        client.roundtrip();
        return new ShmScene(client, registry, shm, compositor);
    }

    public WaylandClient client() {
        return client;
    }

    public ClientRegistry registry() {
        return registry;
    }

    public ClientObject shm() {
        return shm;
    }

    /** The format codes the server announced. */
    public java.util.List<Integer> formats() {
        return shm.events("format").stream().map(m -> m.intArg(0)).toList();
    }

    public ClientObject createPool(int fd, int size) throws IOException {
        return client.create(shm, "create_pool", null, fd, size);
    }

    public ClientObject createBuffer(ClientObject pool, int offset, int width, int height, int stride, int format)
            throws IOException {
        return client.create(pool, "create_buffer", null, offset, width, height, stride, format);
    }

    public ClientObject createSurface() throws IOException {
        return client.create(compositor, "create_surface", (Object) null);
    }

    /** attach + damage_buffer (whole buffer) + commit. */
    public void show(ClientObject surface, ClientObject buffer, int width, int height) throws IOException {
        surface.send("attach", buffer.id(), 0, 0);
        surface.send("damage_buffer", 0, 0, width, height);
        surface.send("commit");
    }
}
