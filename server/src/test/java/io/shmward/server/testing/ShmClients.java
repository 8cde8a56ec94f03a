package io.shmward.server.testing;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.Protocol;
import java.io.IOException;
import java.nio.ByteBuffer;
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

        /** The pixels as they lie in memory. */
        public byte[] littleEndianBytes() {
            ByteBuffer out = ByteBuffer.allocate(bytes()).order(ByteOrder.LITTLE_ENDIAN);
            out.asIntBuffer().put(words);
            return out.array();
        }
    }

    /** What a client built to show its picture; the pool's file stays open for the caller to close (or truncate). */
    public record Shown(ShmScene scene, ClientObject surface, ClientObject buffer, MemFile file) {
    }

    /**
     * Creates a pool (a shrink-sealed memfd when {@code sealed}) holding the picture, a buffer and a surface,
     * and commits the picture once; returns after a round trip, so the server has consumed it.
     */
    public static Shown show(WaylandClient c, Picture picture, boolean sealed) throws IOException {
        ShmScene scene = ShmScene.on(c);
        MemFile file = sealed ? MemFile.sealedMemfd("shmward-test-picture", picture.bytes())
                : MemFile.memfd("shmward-test-picture", picture.bytes());
        file.write(0, picture.littleEndianBytes());
        ClientObject pool = scene.createPool(file.fd(), picture.bytes());
        ClientObject buffer = scene.createBuffer(pool, 0, picture.width(), picture.height(), picture.stride(),
                formatCode(picture.format()));
        ClientObject surface = scene.createSurface();
        scene.show(surface, buffer, picture.width(), picture.height());
        c.roundtrip();
        return new Shown(scene, surface, buffer, file);
    }

    /** A well-behaved client: shows a 4x4 picture in a sealed pool, then leaves cleanly. */
    public static void normalSession(TestServer server) throws IOException {
        try (WaylandClient c = server.connect()) {
            show(c, solid(4, 4, "xrgb8888", 0xff336699), true).file().close();
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
            s.file().truncate(0);
            s.file().close();
            s.scene().show(s.surface(), s.buffer(), 4, 4);
            try {
                c.roundtrip();
                return null;
            } catch (ConnectionClosedException e) {
                return e.error();
            }
        }
    }

    /** A client that asks for buffer scale 0: wl_surface.invalid_scale, and the server disconnects it. */
    public static ServerError protocolErrorSession(TestServer server) throws IOException {
        try (WaylandClient c = server.connect()) {
            ShmScene.on(c).createSurface().send("set_buffer_scale", 0);
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
}
