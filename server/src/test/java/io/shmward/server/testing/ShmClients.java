package io.shmward.server.testing;

import io.shmward.client.ClientObject;
import io.shmward.client.ClientRegistry;
import io.shmward.client.ServerError;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.Protocol;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Java clients that show a picture through wl_shm, the way a real client does: a memfd pool holding the
 * pixels, a wl_buffer in it, a wl_surface that attaches and commits it. Also the two misbehaving clients
 * the monitoring tests script: one that truncates its pool, one that earns a protocol error.
 */
public final class ShmClients {
    private static final Duration DISCONNECT = Duration.ofSeconds(10);

    private ShmClients() {
    }

    /**
     * A picture in one of wl_shm's 32-bit formats: {@code words[y * width + x]} is the pixel as the
     * format's little-endian 32-bit word (for argb8888: 0xAARRGGBB, premultiplied).
     */
    public record Picture(int width, int height, String format, int[] words) {
        public int stride() {
            return width * 4;
        }

        public int bytes() {
            return stride() * height;
        }
    }

    /** What a client built to show its picture. */
    public record Shown(WaylandClient client, ClientObject surface, ClientObject buffer, int poolFd) {
    }

    /**
     * Connects, creates a pool (a shrink-sealed memfd when {@code sealed}), a buffer and a surface, and
     * commits the picture once; returns after a round trip, so the server has consumed it. The pool fd
     * stays open (the caller may truncate it) and is the caller's to close.
     */
    public static Shown show(WaylandClient c, Picture picture, boolean sealed) throws IOException {
        ClientRegistry registry = c.registry();
        ClientObject compositor = registry.bind("wl_compositor", 4);
        ClientObject shm = registry.bind("wl_shm", 1);
        int fd = memfdWith(picture, sealed);
        ClientObject pool = c.create(shm, "create_pool", null, fd, picture.bytes());
        ClientObject buffer = c.create(pool, "create_buffer", null, 0, picture.width(), picture.height(),
                picture.stride(), formatCode(picture.format()));
        ClientObject surface = c.create(compositor, "create_surface", (Object) null);
        surface.send("attach", buffer.id(), 0, 0);
        surface.send("damage_buffer", 0, 0, picture.width(), picture.height());
        surface.send("commit");
        c.roundtrip();
        return new Shown(c, surface, buffer, fd);
    }

    /** A well-behaved client: shows a 4x4 picture in a sealed pool, then leaves cleanly. */
    public static void normalSession(TestServer server) throws IOException {
        try (WaylandClient c = server.connect()) {
            Shown s = show(c, solid(4, 4, "xrgb8888", 0xff336699), true);
            Libc.close(s.poolFd());
        }
    }

    /**
     * Shows a 4x4 picture from an unsealed pool, truncates the file to 0 and commits again. Under the
     * {@code error} reaction the server answers wl_shm.invalid_fd on the wl_buffer and disconnects; the
     * error is returned (null under zero-fill, where the client stays connected until it leaves).
     */
    public static ServerError truncatingSession(TestServer server) throws IOException {
        try (WaylandClient c = server.connect()) {
            Shown s = show(c, solid(4, 4, "argb8888", 0x80402010), false);
            Libc.ftruncate(s.poolFd(), 0);
            Libc.close(s.poolFd());
            s.surface().send("attach", s.buffer().id(), 0, 0);
            s.surface().send("damage_buffer", 0, 0, 4, 4);
            s.surface().send("commit");
            try {
                c.roundtrip();
                return null;
            } catch (io.shmward.client.ConnectionClosedException e) {
                return e.error();
            }
        }
    }

    /** A client that asks for buffer scale 0: wl_surface.invalid_scale, and the server disconnects it. */
    public static ServerError protocolErrorSession(TestServer server) throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject compositor = c.registry().bind("wl_compositor", 4);
            ClientObject surface = c.create(compositor, "create_surface", (Object) null);
            surface.send("set_buffer_scale", 0);
            return c.awaitDisconnect(DISCONNECT);
        }
    }

    public static Picture solid(int width, int height, String format, int word) {
        int[] words = new int[width * height];
        java.util.Arrays.fill(words, word);
        return new Picture(width, height, format, words);
    }

    public static int formatCode(String format) {
        return Protocol.standard().get("wl_shm").enumeration("format").value(format);
    }

    private static int memfdWith(Picture picture, boolean sealed) throws OsException {
        int fd = Libc.memfdCreate("shmward-test-picture", Libc.MFD_CLOEXEC | (sealed ? Libc.MFD_ALLOW_SEALING : 0));
        Libc.ftruncate(fd, picture.bytes());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(picture.bytes());
            for (int i = 0; i < picture.words().length; i++) {
                bytes.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, picture.words()[i]);
            }
            Libc.pwrite(fd, bytes, picture.bytes(), 0);
        }
        if (sealed) {
            Libc.addSeals(fd, Libc.F_SEAL_SHRINK);
        }
        return fd;
    }
}
