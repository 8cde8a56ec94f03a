package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Errno;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clients that shrink their pool files under the server, with real memfds, /dev/shm files and files on
 * disk and real ftruncate, under both reactions: the truncating client gets wl_shm.error invalid_fd on its
 * wl_buffer (error) or zeros (zero-fill), the event is counted, the server survives and a bystander keeps
 * being served.
 */
class TruncationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int INVALID_FD = Protocol.standard().get("wl_shm").errorCode("invalid_fd");
    private static final int W = 64;
    private static final int H = 48;
    private static final int STRIDE = W * 4;
    private static final int SIZE = STRIDE * H;
    private static final int PIXEL = 0x80402010;

    @TempDir
    static Path diskDir;

    private TestServer server;
    private WaylandClient bystander;

    enum FileKind {
        MEMFD, DEV_SHM, DISK;

        MemFile create(long size) throws IOException {
            return switch (this) {
                case MEMFD -> MemFile.memfd("truncation", size);
                case DEV_SHM -> MemFile.fileIn(Path.of("/dev/shm"), size);
                case DISK -> MemFile.fileIn(diskDir, size);
            };
        }
    }

    private void start(TruncationReaction reaction) throws IOException {
        server = TestServer.start("shm:\n  truncation: " + reaction.configName() + "\n");
        bystander = server.connect();
        ShmScene.on(bystander);
    }

    @AfterEach
    void stop() throws IOException {
        if (bystander != null) {
            bystander.roundtrip(); // still served after whatever the test's client did
            bystander.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void truncateAfterCommitUnderErrorIsInvalidFdOnTheBuffer(FileKind kind) throws IOException {
        start(TruncationReaction.ERROR);
        try (WaylandClient c = server.connect(); MemFile file = filled(kind, SIZE)) {
            Shown shown = show(c, file, SIZE, 0);
            c.roundtrip();
            assertThat(shown.buffer.events("release")).hasSize(1);
            file.truncate(0);
            shown.scene.show(shown.surface, shown.buffer, W, H);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(shown.buffer.id());
            assertThat(e.interfaceName()).isEqualTo("wl_buffer");
            assertThat(e.code()).isEqualTo(INVALID_FD);
            assertThat(e.message()).isEqualTo("error accessing SHM buffer");
        }
        assertThat(server.meter("shmward.shm.truncations", "reaction", "error", "detection", "short-read")).isEqualTo(1);
        assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "truncation")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void truncateAfterCommitUnderZeroFillServesZerosAndTheDataComesBack(FileKind kind) throws IOException {
        start(TruncationReaction.ZERO_FILL);
        try (WaylandClient c = server.connect(); MemFile file = filled(kind, SIZE)) {
            Shown shown = show(c, file, SIZE, 0);
            c.roundtrip();
            assertThat(server.snapshotPixels(shown.surface.id())).isEqualTo(pattern(SIZE));

            long kept = 12;
            file.truncate(kept);
            shown.scene.show(shown.surface, shown.buffer, W, H);
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(shown.buffer.events("release")).hasSize(2);
            byte[] expected = new byte[SIZE];
            System.arraycopy(pattern(SIZE), 0, expected, 0, (int) kept);
            assertThat(server.snapshotPixels(shown.surface.id())).isEqualTo(expected);
            assertThat(server.meter("shmward.shm.zero.filled")).isEqualTo(SIZE - kept);

            // unlike the MAP_NOSIGBUS patch's stale zero pages, regrown data shows again
            file.truncate(SIZE);
            file.fillPixels(0, SIZE, PIXEL);
            shown.scene.show(shown.surface, shown.buffer, W, H);
            c.roundtrip();
            assertThat(server.snapshotPixels(shown.surface.id())).isEqualTo(pattern(SIZE));
        }
        assertThat(server.meter("shmward.shm.truncations", "reaction", "zero-fill", "detection", "short-read")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TruncationReaction.class)
    void truncateBeforeTheFirstAccess(TruncationReaction reaction) throws IOException {
        start(reaction);
        try (WaylandClient c = server.connect(); MemFile file = filled(FileKind.MEMFD, SIZE)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            c.roundtrip();
            file.truncate(STRIDE * 2); // two rows survive
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            assertOutcome(c, reaction, buffer, surface, STRIDE * 2);
        }
    }

    @ParameterizedTest
    @EnumSource(TruncationReaction.class)
    void aPoolLargerThanItsFileIsATruncationWhereTheBufferPassesTheEnd(TruncationReaction reaction) throws IOException {
        start(reaction);
        try (WaylandClient c = server.connect(); MemFile file = filled(FileKind.MEMFD, SIZE)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE * 2);
            ClientObject inside = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject straddling = s.createBuffer(pool, SIZE - STRIDE * 3, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject a = s.createSurface();
            s.show(a, inside, W, H);
            c.roundtrip();
            assertThat(inside.events("release")).hasSize(1);
            ClientObject b = s.createSurface();
            s.show(b, straddling, W, H);
            assertOutcome(c, reaction, straddling, b, STRIDE * 3);
        }
    }

    @ParameterizedTest
    @EnumSource(TruncationReaction.class)
    void aPoolResizedBeyondItsFileIsATruncationWhenReadThere(TruncationReaction reaction) throws IOException {
        start(reaction);
        try (WaylandClient c = server.connect(); MemFile file = filled(FileKind.MEMFD, SIZE)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            pool.send("resize", SIZE * 3);
            ClientObject beyond = s.createBuffer(pool, SIZE * 2, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, beyond, W, H);
            assertOutcome(c, reaction, beyond, surface, 0);
        }
    }

    @Test
    void aShrinkSealedMemfdCannotBeTruncatedAndIsReadThroughAMapping() throws IOException {
        start(TruncationReaction.ERROR);
        try (WaylandClient c = server.connect(); MemFile file = MemFile.sealedMemfd("sealed", SIZE)) {
            file.fillPixels(0, SIZE, PIXEL);
            double sealedPools = server.meter("shmward.shm.pools.opened", "sealed", "true");
            Shown shown = show(c, file, SIZE, 0);
            c.roundtrip();
            assertThat(server.meter("shmward.shm.pools.opened", "sealed", "true")).isEqualTo(sealedPools + 1);
            assertThat(server.meter("shmward.shm.mapped")).isEqualTo(SIZE);
            assertThatThrownBy(() -> file.truncate(0)).isInstanceOfSatisfying(OsException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
            shown.scene.show(shown.surface, shown.buffer, W, H);
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(server.snapshotPixels(shown.surface.id())).isEqualTo(pattern(SIZE));
        }
        assertThat(server.awaitMeter(0, "shmward.shm.mapped")).isZero();
    }

    /** libwayland decides at create_pool that a sealed pool cannot fault and never looks again; we re-check. */
    @ParameterizedTest
    @EnumSource(TruncationReaction.class)
    void aSealedMemfdResizedPastItsEndLeavesTheMappedPath(TruncationReaction reaction) throws IOException {
        start(reaction);
        try (WaylandClient c = server.connect(); MemFile file = MemFile.sealedMemfd("sealed-small", SIZE)) {
            file.fillPixels(0, SIZE, PIXEL);
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            pool.send("resize", SIZE * 4);
            ClientObject beyond = s.createBuffer(pool, SIZE * 2, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, beyond, W, H);
            assertOutcome(c, reaction, beyond, surface, 0);
            assertThat(server.meter("shmward.shm.pool.resizes", "path", "demoted")).isEqualTo(1);
        }
    }

    /** WLCS wl_shm.cpp truncated_shm_file_is_an_error. */
    @Test
    void wlcsTruncatedToTwelveBytesAfterCreateBuffer() throws IOException {
        start(TruncationReaction.ERROR);
        try (WaylandClient c = server.connect(); MemFile file = filled(FileKind.MEMFD, SIZE)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            file.truncate(12);
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(buffer.id());
            assertThat(e.code()).isEqualTo(INVALID_FD);
        }
    }

    /** Weston's tests/bad-buffer-test.c: an unsealed file in XDG_RUNTIME_DIR, pool destroyed first, frame requested. */
    @Test
    void westonBadBufferTest() throws IOException {
        start(TruncationReaction.ERROR);
        int w = 200;
        int h = 200;
        try (WaylandClient c = server.connect(); MemFile file = MemFile.fileIn(server.runtimeDir(), w * h * 4)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), w * h * 4);
            ClientObject buffer = s.createBuffer(pool, 0, w, h, w * 4, ShmScene.ARGB8888);
            pool.send("destroy");
            file.truncate(12);
            ClientObject surface = s.createSurface();
            surface.send("attach", buffer.id(), 0, 0);
            surface.send("damage", 0, 0, w, h);
            c.create(surface, "frame", (Object) null);
            surface.send("commit");
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(buffer.id());
            assertThat(e.code()).isEqualTo(INVALID_FD);
        }
    }

    // ---- helpers

    /**
     * libwayland answers a truncation found on a destroyed wl_buffer with an implementation error. Shmward
     * reads a buffer only at the commit that shows it, so such a read would be a bug of ours: it is refused
     * before it reads memory the buffer no longer holds a reference to (the pool, still alive, does).
     */
    @Test
    void aDestroyedBufferIsNeverRead() throws IOException {
        start(TruncationReaction.ERROR);
        try (WaylandClient c = server.connect(); MemFile file = filled(FileKind.MEMFD, SIZE)) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            c.roundtrip();
            BufferResource resource = server.server().onLoop(() ->
                    (BufferResource) server.server().display().clients().getLast().objects().get(buffer.id()));
            buffer.send("destroy");
            file.truncate(12);
            c.roundtrip();
            assertThatThrownBy(() -> server.server().onLoop(() -> {
                try (Arena arena = Arena.ofConfined()) {
                    return resource.copyInto(arena.allocate(SIZE));
                }
            })).hasRootCauseInstanceOf(IllegalStateException.class).hasStackTraceContaining("read after it was destroyed");
            c.roundtrip();
            assertThat(c.isClosed()).as("the client did nothing wrong").isFalse();
        }
    }

    private record Shown(ShmScene scene, ClientObject surface, ClientObject buffer) {
    }

    private static MemFile filled(FileKind kind, long size) throws IOException {
        MemFile f = kind.create(size);
        f.fillPixels(0, size, PIXEL);
        return f;
    }

    private static Shown show(WaylandClient c, MemFile file, int poolSize, int offset) throws IOException {
        ShmScene s = ShmScene.on(c);
        ClientObject pool = s.createPool(file.fd(), poolSize);
        ClientObject buffer = s.createBuffer(pool, offset, W, H, STRIDE, ShmScene.ARGB8888);
        ClientObject surface = s.createSurface();
        s.show(surface, buffer, W, H);
        return new Shown(s, surface, buffer);
    }

    /**
     * After a commit of a buffer of which only the first {@code validBytes} exist in the file: under error,
     * invalid_fd on the wl_buffer; under zero-fill, a released buffer whose snapshot is file data then zeros.
     */
    private void assertOutcome(WaylandClient c, TruncationReaction reaction, ClientObject buffer, ClientObject surface,
                               int validBytes) throws IOException {
        if (reaction == TruncationReaction.ERROR) {
            ServerError e = c.awaitDisconnect(WAIT);
            assertThat(e.objectId()).isEqualTo(buffer.id());
            assertThat(e.code()).isEqualTo(INVALID_FD);
        } else {
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(buffer.events("release")).hasSize(1);
            byte[] expected = new byte[SIZE];
            System.arraycopy(pattern(SIZE), 0, expected, 0, validBytes);
            assertThat(server.snapshotPixels(surface.id())).isEqualTo(expected);
        }
        assertThat(server.meter("shmward.shm.truncations", "reaction", reaction.configName(), "detection", "short-read"))
                .isEqualTo(1);
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i += 4) {
            b[i] = (byte) PIXEL;
            b[i + 1] = (byte) (PIXEL >>> 8);
            b[i + 2] = (byte) (PIXEL >>> 16);
            b[i + 3] = (byte) (PIXEL >>> 24);
        }
        return Arrays.copyOf(b, size);
    }
}
