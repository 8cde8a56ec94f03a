package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.RawMessage;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.NewObject;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wl_shm, wl_shm_pool and wl_buffer requests and every check on them, with the error code on the object
 * libwayland (and WLCS's wl_shm.cpp) expects, over real sockets with real fds; a bystander client keeps
 * round-tripping through every failure.
 */
class ShmProtocolTest {
    private static final InterfaceSpec WL_SHM = Protocol.standard().get("wl_shm");
    private static final InterfaceSpec WL_DISPLAY = Protocol.standard().get("wl_display");
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int W = 64;
    private static final int H = 32;

    private static TestServer server;
    private static WaylandClient bystander;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        bystander = server.connect();
        ShmScene.on(bystander);
    }

    @AfterAll
    static void stop() throws IOException {
        bystander.close();
        server.close();
    }

    @Test
    void bindAnnouncesTheMandatoryFormats() throws IOException {
        try (WaylandClient c = server.connect()) {
            assertThat(ShmScene.on(c).formats()).contains(ShmScene.ARGB8888, ShmScene.XRGB8888);
        }
    }

    @Test
    void advertisedAtVersionTwoAndReleaseWorks() throws IOException {
        try (WaylandClient c = server.connect()) {
            var registry = c.registry();
            assertThat(registry.find("wl_shm").version()).isEqualTo(2);
            ClientObject shm = registry.bind("wl_shm", 2);
            c.roundtrip();
            shm.send("release");
            c.roundtrip();
            assertThat(c.display().events("delete_id")).anyMatch(m -> m.intArg(0) == shm.id());
        }
    }

    @Test
    void aBufferIsConsumedAndReleased() throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("ok", W * H * 4)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), W * H * 4);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, W * 4, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            c.roundtrip();
            assertThat(buffer.events("release")).hasSize(1);
        }
    }

    // ---- create_pool

    @ParameterizedTest(name = "size {0}")
    @CsvSource({"0", "-1", "-2147483648"})
    void nonPositivePoolSizeIsInvalidStrideOnWlShm(int size) throws IOException {
        try (MemFile file = MemFile.memfd("size", 4096)) {
            assertShmError(s -> s.createPool(file.fd(), size), "wl_shm", "invalid_stride", "invalid size");
        }
    }

    @Test
    void pipeIsInvalidFdOnWlShm() throws IOException {
        int[] pipe = Libc.pipe();
        try {
            assertShmError(s -> s.createPool(pipe[0], 4096), "wl_shm", "invalid_fd", "pipe");
        } finally {
            Libc.close(pipe[0]);
            Libc.close(pipe[1]);
        }
    }

    @Test
    void directoryIsInvalidFdOnWlShm(@TempDir Path dir) throws IOException {
        int fd = Libc.open(dir.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        try {
            assertShmError(s -> s.createPool(fd, 4096), "wl_shm", "invalid_fd", "directory");
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void devNullIsInvalidFdOnWlShm() throws IOException {
        int fd = Libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        try {
            assertShmError(s -> s.createPool(fd, 4096), "wl_shm", "invalid_fd", "character device");
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void socketIsInvalidFdOnWlShm() throws IOException {
        try (WaylandClient other = server.connect()) {
            // the client's own connection, a socket, as a pool fd
            int fd = Libc.dup(other.socketFd());
            try {
                assertShmError(s -> s.createPool(fd, 4096), "wl_shm", "invalid_fd", "socket");
            } finally {
                Libc.close(fd);
            }
        }
    }

    @Test
    void createPoolWithoutItsFdIsInvalidMethod() throws IOException {
        try (WaylandClient c = server.connect()) {
            ShmScene s = ShmScene.on(c);
            int poolId = c.allocate(Protocol.standard().get("wl_shm_pool"), 1).id();
            c.sendRaw(RawMessage.to(s.shm().id(), 0).word(poolId).word(4096).build());
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(1);
            assertThat(e.code()).isEqualTo(WL_DISPLAY.errorCode("invalid_method"));
            assertThat(e.message()).contains("file descriptor expected");
        }
        bystander.roundtrip();
    }

    // ---- create_buffer

    @Test
    void unknownFormatIsInvalidFormatOnThePool() throws IOException {
        assertBufferError(0, W, H, W * 4, 0xDEADBEEF, "invalid_format");
    }

    @Test
    void knownButUnadvertisedFormatIsInvalidFormat() throws IOException {
        assertBufferError(0, W, H, W * 4, WL_SHM.enumeration("format").value("nv12"), "invalid_format");
    }

    @ParameterizedTest(name = "offset {0} size {1}x{2} stride {3}")
    @CsvSource({
            "-1, 64, 32, 256",          // negative offset
            "0, 0, 32, 256",            // zero width
            "0, 64, 0, 256",            // zero height
            "0, -64, 32, 256",          // negative width
            "0, 64, 32, 64",            // stride = width in bytes' quarter: WLCS client_lies_about_buffer_size
            "0, 64, 32, 255",           // stride not a whole number of pixels
            "0, 64, 32, -256",          // negative stride
            "4, 64, 32, 256",           // one pixel row past the pool end
            "0, 64, 33, 256",           // one row too many
            "2147483647, 64, 32, 256",  // offset + stride * height past int32
            "0, 64, 2147483647, 256"})  // stride * height past int32
    void badGeometryIsInvalidStrideOnThePool(int offset, int width, int height, int stride) throws IOException {
        assertBufferError(offset, width, height, stride, ShmScene.ARGB8888, "invalid_stride");
    }

    @Test
    void strideEqualToWidthInPixelsIsRefusedUnlikeLibwayland() throws IOException {
        // libwayland compares stride (bytes) with width (pixels) and lets this through; WLCS expects refusal
        assertBufferError(0, W, H, W, ShmScene.ARGB8888, "invalid_stride");
    }

    @Test
    void aBufferThatExactlyFillsThePoolIsFine() throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("fill", W * H * 4)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), W * H * 4);
            s.createBuffer(pool, 0, W, H, W * 4, ShmScene.ARGB8888);
            s.createBuffer(pool, W * 4, W, H - 1, W * 4, ShmScene.XRGB8888);
            c.roundtrip();
            assertThat(c.error()).isNull();
        }
    }

    // ---- resize and lifetime

    @Test
    void shrinkingAPoolIsInvalidFdOnThePool() throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("shrink", 8192)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), 8192);
            pool.send("resize", 4096);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(pool.id());
            assertThat(e.code()).isEqualTo(WL_SHM.errorCode("invalid_fd"));
            assertThat(e.message()).isEqualTo("shrinking pool invalid");
        }
        bystander.roundtrip();
    }

    @Test
    void aPoolResizedLargerServesBuffersInTheNewRange() throws IOException {
        for (boolean sealed : new boolean[] {true, false}) {
            try (WaylandClient c = server.connect();
                 MemFile file = sealed ? MemFile.sealedMemfd("grow", 4096) : MemFile.memfd("grow", 4096)) {
                ShmScene s = ShmScene.on(c);
                ClientObject pool = s.createPool(file.fd(), 4096);
                ClientObject early = s.createBuffer(pool, 0, 16, 16, 64, ShmScene.ARGB8888);
                file.truncate(W * H * 4 + 4096);
                pool.send("resize", W * H * 4 + 4096);
                ClientObject late = s.createBuffer(pool, 4096, W, H, W * 4, ShmScene.ARGB8888);
                ClientObject a = s.createSurface();
                ClientObject b = s.createSurface();
                s.show(a, early, 16, 16);
                s.show(b, late, W, H);
                c.roundtrip();
                assertThat(c.error()).as("sealed=%s", sealed).isNull();
                assertThat(early.events("release")).hasSize(1);
                assertThat(late.events("release")).hasSize(1);
            }
        }
    }

    @Test
    void buffersOutliveTheirDestroyedPool() throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("shared", W * H * 4 * 2)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), W * H * 4 * 2);
            ClientObject first = s.createBuffer(pool, 0, W, H, W * 4, ShmScene.ARGB8888);
            ClientObject second = s.createBuffer(pool, W * H * 4, W, H, W * 4, ShmScene.ARGB8888);
            pool.send("destroy");
            c.roundtrip();
            ClientObject surface = s.createSurface();
            s.show(surface, first, W, H);
            s.show(surface, second, W, H);
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(first.events("release")).hasSize(1);
            assertThat(second.events("release")).hasSize(1);
        }
    }

    @Test
    void aHugeClaimOnASmallFileIsAcceptedWithoutMappingIt() throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("claim", 4096)) {
            ShmScene s = ShmScene.on(c);
            long mappedBefore = mappedBytes();
            ClientObject pool = s.createPool(file.fd(), Integer.MAX_VALUE);
            ClientObject inFile = s.createBuffer(pool, 0, 16, 16, 64, ShmScene.ARGB8888);
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(mappedBytes()).isEqualTo(mappedBefore);
            ClientObject surface = s.createSurface();
            s.show(surface, inFile, 16, 16);
            c.roundtrip();
            assertThat(inFile.events("release")).hasSize(1);
        }
    }

    // ---- issue 2's bind checks, now that there is a global to bind

    @Test
    void bindOfTheWrongInterfaceIsInvalidObject() throws IOException {
        try (WaylandClient c = server.connect()) {
            var registry = c.registry();
            int shmName = registry.find("wl_shm").name();
            registry.object().send("bind", shmName, new NewObject("wl_compositor", 1, 3));
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).as("posted on the registry, as libwayland").isEqualTo(registry.object().id());
            assertThat(e.code()).isEqualTo(WL_DISPLAY.errorCode("invalid_object"));
            assertThat(e.message()).contains("invalid interface");
        }
        bystander.roundtrip();
    }

    @Test
    void bindAboveTheAdvertisedVersionIsInvalidObject() throws IOException {
        for (int version : new int[] {0, 3}) {
            try (WaylandClient c = server.connect()) {
                var registry = c.registry();
                registry.bind(registry.find("wl_shm").name(), "wl_shm", version);
                ServerError e = c.awaitDisconnect(WAIT);
                assertThat(e.code()).isEqualTo(WL_DISPLAY.errorCode("invalid_object"));
                assertThat(e.message()).contains("invalid version");
            }
        }
        bystander.roundtrip();
    }

    @Test
    void aRequestNewerThanTheBoundVersionIsInvalidMethod() throws IOException {
        try (WaylandClient c = server.connect()) {
            ClientObject shm = c.registry().bind("wl_shm", 1);
            shm.send("release");
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.code()).isEqualTo(WL_DISPLAY.errorCode("invalid_method"));
            assertThat(e.message()).contains("since 1 < 2");
        }
    }

    // ---- helpers

    @FunctionalInterface
    interface SceneAction {
        void run(ShmScene scene) throws IOException;
    }

    private static void assertShmError(SceneAction action, String iface, String code, String messagePart)
            throws IOException {
        try (WaylandClient c = server.connect()) {
            ShmScene s = ShmScene.on(c);
            action.run(s);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e).isNotNull();
            assertThat(e.interfaceName()).isEqualTo(iface);
            if (iface.equals("wl_shm")) {
                assertThat(e.objectId()).isEqualTo(s.shm().id());
            }
            assertThat(e.code()).isEqualTo(WL_SHM.errorCode(code));
            assertThat(e.message()).contains(messagePart);
        }
        bystander.roundtrip();
        assertThat(bystander.isClosed()).isFalse();
    }

    private static void assertBufferError(int offset, int width, int height, int stride, int format, String code)
            throws IOException {
        try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("buf", W * H * 4)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), W * H * 4);
            s.createBuffer(pool, offset, width, height, stride, format);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e).isNotNull();
            assertThat(e.objectId()).as("posted on the pool").isEqualTo(pool.id());
            assertThat(e.code()).isEqualTo(WL_SHM.errorCode(code));
        }
        bystander.roundtrip();
    }

    private static long mappedBytes() throws IOException {
        return (long) server.server().metrics().registry().get("shmward.shm.mapped").gauge().value();
    }
}
