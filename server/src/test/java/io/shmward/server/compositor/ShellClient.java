package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ClientRegistry;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.Message;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * A Java Wayland client with the compositor's globals bound (on top of {@link ShmScene}), and the steps the
 * tests repeat: xrgb8888 shm buffers filled from a pixel function (in a real memfd), xdg windows, expected
 * errors.
 */
public final class ShellClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public final WaylandClient wl;
    public final ClientRegistry registry;
    public final ClientObject subcompositor;
    public final ClientObject wmBase;
    private final ShmScene scene;

    /** An xdg_toplevel window: its wl_surface, xdg_surface and xdg_toplevel. */
    public record Window(ClientObject surface, ClientObject xdgSurface, ClientObject toplevel) {
        /** The serial of the newest xdg_surface.configure received. */
        public int lastConfigureSerial() {
            List<Message> configures = xdgSurface.events("configure");
            return configures.getLast().intArg(0);
        }
    }

    private ShellClient(WaylandClient wl) throws IOException {
        this.wl = wl;
        this.scene = ShmScene.on(wl);
        this.registry = scene.registry();
        this.subcompositor = registry.bind("wl_subcompositor", 1);
        this.wmBase = registry.bind("xdg_wm_base", 5);
        wl.roundtrip();
    }

    public static ShellClient connect(TestServer server) throws IOException {
        return new ShellClient(server.connect());
    }

    /** Binds the globals on an open connection (a client program connected through its environment). */
    public static ShellClient over(WaylandClient wl) throws IOException {
        return new ShellClient(wl);
    }

    public ClientObject surface() throws IOException {
        return scene.createSurface();
    }

    /** An xrgb8888 buffer of {@code width} x {@code height} whose pixel (x, y) is {@code pixel(x, y)}. */
    public ClientObject buffer(int width, int height, IntBinaryOperator pixel) throws IOException {
        int stride = width * 4;
        ByteBuffer pixels = ByteBuffer.allocate(stride * height).order(ByteOrder.nativeOrder());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels.putInt(y * stride + x * 4, pixel.applyAsInt(x, y));
            }
        }
        try (MemFile file = MemFile.memfd("shell-client-buffer", pixels.capacity())) {
            file.write(0, pixels.array());
            return buffer(file, width, height);
        }
    }

    /** An xrgb8888 buffer over all of {@code file}, through a pool destroyed at once (as WLCS does). */
    public ClientObject buffer(MemFile file, int width, int height) throws IOException {
        ClientObject pool = scene.createPool(file.fd(), width * 4 * height);
        ClientObject buffer = scene.createBuffer(pool, 0, width, height, width * 4, ShmScene.XRGB8888);
        pool.send("destroy");
        return buffer;
    }

    /** A buffer of one colour. */
    public ClientObject buffer(int width, int height, int xrgb) throws IOException {
        return buffer(width, height, (x, y) -> xrgb);
    }

    /** A surface with an xdg_surface and an xdg_toplevel, not committed yet. */
    public Window toplevel() throws IOException {
        ClientObject surface = surface();
        ClientObject xdgSurface = wl.create(wmBase, "get_xdg_surface", null, surface.id());
        ClientObject toplevel = wl.create(xdgSurface, "get_toplevel", (Object) null);
        return new Window(surface, xdgSurface, toplevel);
    }

    /** Initial commit, then waits for the first configure and acknowledges it. */
    public void initialize(Window w) throws IOException {
        int before = w.xdgSurface().events("configure").size();
        w.surface().send("commit");
        wl.dispatchUntil(() -> w.xdgSurface().events("configure").size() > before, TIMEOUT);
        w.xdgSurface().send("ack_configure", w.lastConfigureSerial());
    }

    /** A toplevel initialized and mapped with a {@code width} x {@code height} buffer of one colour. */
    public Window mappedToplevel(int width, int height, int xrgb) throws IOException {
        Window w = toplevel();
        initialize(w);
        w.surface().send("attach", buffer(width, height, xrgb).id(), 0, 0);
        w.surface().send("commit");
        wl.roundtrip();
        return w;
    }

    /** Waits for the server to close the connection and checks it sent {@code interfaceName}'s error {@code entry}. */
    public ServerError expectError(String interfaceName, String entry) throws IOException {
        return expectError(interfaceName, interfaceName, entry);
    }

    /** As {@link #expectError(String, String)}, for a code from another interface's enum (wl_shm's on a wl_buffer). */
    public ServerError expectError(String interfaceName, String enumOwner, String entry) throws IOException {
        ServerError error = wl.awaitDisconnect(TIMEOUT);
        assertThat(error).as("protocol error expected: %s.%s on a %s", enumOwner, entry, interfaceName).isNotNull();
        assertThat(error.interfaceName()).as("object of %s", error).isEqualTo(interfaceName);
        assertThat(error.code()).as("code of %s", error).isEqualTo(code(enumOwner, entry));
        return error;
    }

    /** A round trip that the server answers: no error so far. */
    public void expectAlive() throws IOException {
        wl.roundtrip();
        assertThat(wl.error()).isNull();
    }

    public static int code(String interfaceName, String entry) {
        return Protocol.standard().get(interfaceName).errorCode(entry);
    }

    /** The 32-bit values of an array argument (states, capabilities), in host byte order. */
    public static int[] uints(byte[] array) {
        java.nio.IntBuffer ints = ByteBuffer.wrap(array).order(ByteOrder.nativeOrder()).asIntBuffer();
        int[] out = new int[ints.remaining()];
        ints.get(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        wl.close();
    }
}
