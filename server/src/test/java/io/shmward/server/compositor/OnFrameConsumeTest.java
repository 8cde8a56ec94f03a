package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.server.config.ConfigLoader;
import io.shmward.server.shm.TruncationReaction;
import io.shmward.server.testing.AdminHttp;
import io.shmward.server.testing.PoolTraces;
import io.shmward.server.testing.ProcessFds;
import io.shmward.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code output.consume: on-frame}, with real sockets, memfds, files on disk and ftruncate: a commit's
 * buffer is read at the output's next frame, only the newest of each surface; replaced ones are released
 * unread. The output runs at 2 Hz, and each test first waits for a frame, so what it commits next has
 * 500 ms before the frame reads it: the only timing these tests rely on.
 */
class OnFrameConsumeTest {
    private static final String ON_FRAME = "output:\n  refresh-hz: 2\n  consume: on-frame\n";
    private static final Duration TIMEOUT = ShellClient.TIMEOUT;
    private static final int W = 16;
    private static final int H = 8;
    private static final int SIZE = W * 4 * H;
    private static final int RED = 0x00ff0000;
    private static final int GREEN = 0x0000ff00;
    private static final int BLUE = 0x000000ff;

    @TempDir
    Path diskDir;

    @Test
    void replacedBuffersAreReleasedUnreadAndTheNewestIsReadAtTheFrame() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server);
             MemFile truncated = MemFile.memfd("on-frame-replaced", SIZE)) {
            ClientObject clock = c.surface();
            ClientObject surface = c.surface();
            showAndAwaitRead(c, surface, c.buffer(W, H, RED));
            truncated.fillPixels(0, SIZE, GREEN);
            ClientObject replacedTruncated = c.buffer(truncated, W, H);
            ClientObject replaced = c.buffer(W, H, GREEN);
            ClientObject newest = c.buffer(W, H, BLUE);
            c.wl.roundtrip();
            truncated.truncate(0); // had the server read this one, the client would get invalid_fd
            double consumed = server.meter("shmward.shm.consumed");

            awaitFrame(c, clock);
            try (var batch = c.wl.batch()) {
                show(surface, replacedTruncated);
                show(surface, replaced);
                show(surface, newest);
            }
            c.wl.roundtrip();
            assertThat(replacedTruncated.events("release")).as("released at the commit that replaced it").hasSize(1);
            assertThat(replaced.events("release")).hasSize(1);
            assertThat(newest.events("release")).as("read at the next frame, not before").isEmpty();
            assertThat(colours(server, surface)).as("the last read content until then").containsOnly(RED);

            c.wl.dispatchUntil(() -> !newest.events("release").isEmpty(), TIMEOUT);
            c.expectAlive();
            assertThat(colours(server, surface)).containsOnly(BLUE);
            assertThat(adminSnapshotPixel(server, surface)).as("the admin endpoint's snapshot").isEqualTo(0xff0000ff);
            assertThat(server.meter("shmward.buffers.released.unread")).isEqualTo(2);
            assertThat(server.meter("shmward.shm.consumed") - consumed).as("one buffer read").isEqualTo(SIZE);
            assertThat(replacedTruncated.events("release")).as("released once").hasSize(1);
        }
    }

    /** The newest buffer is read over the damage of every commit since the last read, the replaced ones' too. */
    @Test
    void theReadCoversTheDamageOfReplacedCommits() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server)) {
            ClientObject clock = c.surface();
            ClientObject surface = c.surface();
            showAndAwaitRead(c, surface, c.buffer(W, H, RED));
            ClientObject replaced = c.buffer(W, H, GREEN);
            ClientObject newest = c.buffer(W, H, BLUE);

            awaitFrame(c, clock);
            try (var batch = c.wl.batch()) {
                surface.send("attach", replaced.id(), 0, 0);
                surface.send("damage_buffer", 0, 0, W, 2);
                surface.send("commit");
                surface.send("attach", newest.id(), 0, 0);
                surface.send("damage_buffer", 0, 2, W, 2);
                surface.send("commit");
            }
            c.wl.dispatchUntil(() -> !newest.events("release").isEmpty(), TIMEOUT);

            int[] pixels = colours(server, surface);
            for (int y = 0; y < H; y++) {
                assertThat(pixels[y * W]).as("row %d", y).isEqualTo(y < 4 ? BLUE : RED);
            }
            assertThat(replaced.events("release")).hasSize(1);
        }
    }

    /**
     * A file shrunk between the commit and the frame is found by the frame's read, with the outcome a
     * commit-time read gives: invalid_fd on the wl_buffer, or zeros. Memfds are read on the loop, files on
     * disk by a worker.
     */
    @ParameterizedTest
    @CsvSource({"ERROR, false", "ERROR, true", "ZERO_FILL, false", "ZERO_FILL, true"})
    void aFileTruncatedBeforeTheFrameIsCaughtByTheFramesRead(TruncationReaction reaction, boolean onDisk)
            throws Exception {
        String config = ON_FRAME + "shm:\n  truncation: " + reaction.configName() + "\n";
        try (TestServer server = TestServer.start(config); ShellClient c = ShellClient.connect(server);
             MemFile file = onDisk ? MemFile.fileIn(diskDir, SIZE) : MemFile.memfd("on-frame-truncated", SIZE)) {
            file.fillPixels(0, SIZE, GREEN);
            ClientObject clock = c.surface();
            ClientObject surface = c.surface();
            ClientObject buffer = c.buffer(file, W, H);

            awaitFrame(c, clock);
            show(surface, buffer);
            c.wl.roundtrip();
            assertThat(buffer.events("release")).as("not read before the frame").isEmpty();
            file.truncate(0);

            if (reaction == TruncationReaction.ERROR) {
                ServerError e = c.wl.awaitDisconnect(TIMEOUT);
                assertThat(e.objectId()).isEqualTo(buffer.id());
                assertThat(e.interfaceName()).isEqualTo("wl_buffer");
                assertThat(e.code()).isEqualTo(ShellClient.code("wl_shm", "invalid_fd"));
                assertThat(e.message()).isEqualTo("error accessing SHM buffer");
                assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "truncation")).isEqualTo(1);
            } else {
                c.wl.dispatchUntil(() -> !buffer.events("release").isEmpty(), TIMEOUT);
                c.expectAlive();
                assertThat(colours(server, surface)).containsOnly(0);
                assertThat(server.meter("shmward.shm.zero.filled")).isEqualTo(SIZE);
            }
            assertThat(server.meter("shmward.shm.truncations", "reaction", reaction.configName(),
                    "detection", "short-read")).isEqualTo(1);
        }
    }

    /**
     * A truncation found at the frame disconnects its client in the middle of the frame's reads, taking its
     * other waiting surface with it; the surfaces after it, another client's, are still read.
     */
    @Test
    void anErrorInTheFramesReadsCostsOnlyItsClient() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server);
             ShellClient bystander = ShellClient.connect(server);
             MemFile file = MemFile.memfd("on-frame-error", SIZE)) {
            file.fillPixels(0, SIZE, GREEN);
            ClientObject truncated = c.buffer(file, W, H);
            ClientObject whole = c.buffer(W, H, GREEN);
            ClientObject first = c.surface();
            ClientObject second = c.surface();
            ClientObject clock = bystander.surface();
            ClientObject theirs = bystander.surface();
            ClientObject theirBuffer = bystander.buffer(W, H, BLUE);
            c.wl.roundtrip();
            file.truncate(0);

            awaitFrame(bystander, clock);
            show(first, truncated);
            show(second, whole);
            c.wl.roundtrip();
            show(theirs, theirBuffer);
            bystander.wl.roundtrip();

            assertThat(c.wl.awaitDisconnect(TIMEOUT).objectId()).isEqualTo(truncated.id());
            bystander.wl.dispatchUntil(() -> !theirBuffer.events("release").isEmpty(), TIMEOUT);
            assertThat(colours(server, theirs)).containsOnly(BLUE);
            assertThat(server.meter("shmward.internal.errors", "kind", "exception")).isZero();
        }
    }

    @Test
    void aFrameCallbackIsDoneAfterItsBufferIsReadAndReleased() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            List<String> order = new ArrayList<>();
            ClientObject buffer = c.buffer(W, H, GREEN).onEvent(e -> order.add("release"));
            ClientObject callback = c.wl.create(surface, "frame", (Object) null).onEvent(e -> order.add("done"));
            show(surface, buffer);
            c.wl.dispatchUntil(callback::isDestroyed, TIMEOUT);
            assertThat(order).containsExactly("release", "done");
            assertThat(colours(server, surface)).containsOnly(GREEN);
        }
    }

    /**
     * A buffer destroyed before the frame is not read (its memory went with it): the surface keeps what it
     * showed, the client hears no release and no error, and the pool's fd and mapping are gone at once.
     */
    @Test
    void aBufferDestroyedBeforeTheFrameIsNotReadAndLeavesNoFdOrMapping() throws Exception {
        String name = "on-frame-destroyed-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server)) {
            ClientObject clock = c.surface();
            ClientObject surface = c.surface();
            showAndAwaitRead(c, surface, c.buffer(W, H, RED));
            ClientObject buffer;
            try (MemFile file = MemFile.sealedMemfd(name, SIZE)) {
                file.fillPixels(0, SIZE, GREEN);
                buffer = c.buffer(file, W, H);
            }
            c.wl.roundtrip();
            assertThat(ProcessFds.countLinkingTo(name)).as("the server's fd of the pool").isEqualTo(1);
            assertThat(PoolTraces.mappingsOf(name)).as("a sealed pool is mapped").isEqualTo(1);

            awaitFrame(c, clock);
            show(surface, buffer);
            buffer.send("destroy");
            c.wl.roundtrip();
            assertThat(ProcessFds.countLinkingTo(name)).isZero();
            assertThat(PoolTraces.mappingsOf(name)).isZero();

            awaitFrame(c, clock); // the frame that would have read it has passed
            c.expectAlive();
            assertThat(colours(server, surface)).containsOnly(RED);
            assertThat(buffer.events("release")).isEmpty();
            assertThat(server.meter("shmward.buffers.released.unread")).isZero();
        }
    }

    @Test
    void aSurfaceDestroyedBeforeTheFrameReleasesItsBufferUnread() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server)) {
            ClientObject clock = c.surface();
            ClientObject surface = c.surface();
            ClientObject buffer = c.buffer(W, H, GREEN);
            double consumed = server.meter("shmward.shm.consumed");

            awaitFrame(c, clock);
            show(surface, buffer);
            surface.send("destroy");
            c.wl.roundtrip();
            assertThat(buffer.events("release")).hasSize(1);
            assertThat(server.meter("shmward.buffers.released.unread")).isEqualTo(1);

            awaitFrame(c, clock);
            c.expectAlive();
            assertThat(buffer.events("release")).as("released once").hasSize(1);
            assertThat(server.meter("shmward.shm.consumed")).as("nothing read").isEqualTo(consumed);
        }
    }

    /** One buffer on two surfaces: the one that lets it go unread must not free it while the other will read it. */
    @Test
    void aBufferStillWaitingOnAnotherSurfaceIsNotReleasedEarly() throws Exception {
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient c = ShellClient.connect(server)) {
            ClientObject clock = c.surface();
            ClientObject first = c.surface();
            ClientObject second = c.surface();
            ClientObject shared = c.buffer(W, H, GREEN);
            ClientObject other = c.buffer(W, H, BLUE);

            awaitFrame(c, clock);
            show(first, shared);
            show(second, shared);
            show(first, other);
            c.wl.roundtrip();
            assertThat(shared.events("release")).as("the second surface still means to read it").isEmpty();

            c.wl.dispatchUntil(() -> !other.events("release").isEmpty(), TIMEOUT);
            c.wl.dispatchUntil(() -> !shared.events("release").isEmpty(), TIMEOUT);
            assertThat(colours(server, first)).containsOnly(BLUE);
            assertThat(colours(server, second)).containsOnly(GREEN);
            assertThat(server.meter("shmward.buffers.released.unread")).isZero();
        }
    }

    /**
     * Clients that leave with buffers waiting for the frame, sealed (mapped) and not, on two surfaces each:
     * every fd and mapping is released, the frame that follows reads nothing of theirs, and a bystander is
     * served.
     */
    @Test
    void clientsThatLeaveBeforeTheFrameLeaveNoFdOrMappingBehind() throws Exception {
        String name = "on-frame-left-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(ON_FRAME); ShellClient bystander = ShellClient.connect(server)) {
            ClientObject clock = bystander.surface();
            int baselineFds = ProcessFds.count();
            for (int i = 0; i < 4; i++) {
                awaitFrame(bystander, clock);
                try (WaylandClient c = server.connect();
                     MemFile file = i % 2 == 0 ? MemFile.sealedMemfd(name, SIZE) : MemFile.memfd(name, SIZE)) {
                    file.fillPixels(0, SIZE, GREEN);
                    ShmScene s = ShmScene.on(c);
                    ClientObject buffer = s.createBuffer(s.createPool(file.fd(), SIZE), 0, W, H, W * 4,
                            ShmScene.XRGB8888);
                    s.show(s.createSurface(), buffer, W, H);
                    s.show(s.createSurface(), buffer, W, H);
                    c.roundtrip();
                    assertThat(buffer.events("release")).as("still waiting for the frame").isEmpty();
                }
            }
            awaitFrame(bystander, clock);
            bystander.expectAlive();
            PoolTraces.assertNoneLeft(server, name, baselineFds, Duration.ofSeconds(10));
            assertThat(server.meter("shmward.shm.consumed")).as("nothing of theirs was read").isZero();
            assertThat(server.meter("shmward.buffers.released.unread")).as("nobody left to tell").isZero();
        }
    }

    @Test
    void commitIsTheDefaultAndOtherSpellingsAreRefused() throws Exception {
        assertThat(ConfigLoader.defaults().output().consume()).isEqualTo("commit");
        assertThat(ConsumeTiming.fromConfigName("on-frame")).isEqualTo(ConsumeTiming.ON_FRAME);
        assertThatThrownBy(() -> ConsumeTiming.fromConfigName("on_frame"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output.consume must be commit or on-frame, not 'on_frame'");
    }

    private static void show(ClientObject surface, ClientObject buffer) throws IOException {
        surface.send("attach", buffer.id(), 0, 0);
        surface.send("damage_buffer", 0, 0, W, H);
        surface.send("commit");
    }

    private static void showAndAwaitRead(ShellClient c, ClientObject surface, ClientObject buffer) throws IOException {
        show(surface, buffer);
        c.wl.dispatchUntil(() -> !buffer.events("release").isEmpty(), TIMEOUT);
    }

    /** Returns just after a frame: {@code clock}, a surface of its own, asks for a frame callback and gets it. */
    private static void awaitFrame(ShellClient c, ClientObject clock) throws IOException {
        ClientObject callback = c.wl.create(clock, "frame", (Object) null);
        clock.send("commit");
        c.wl.dispatchUntil(callback::isDestroyed, TIMEOUT);
    }

    /** The surface's snapshot as xrgb words, row by row (stride W * 4). */
    private static int[] colours(TestServer server, ClientObject surface) {
        byte[] bytes = server.snapshotPixels(surface.id());
        int[] words = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).asIntBuffer().get(words);
        return words;
    }

    /** Pixel (0, 0) of the surface's snapshot as the admin API's PNG gives it (ARGB, xrgb made opaque). */
    private static int adminSnapshotPixel(TestServer server, ClientObject surface) throws IOException {
        long serial = server.server().onLoop(() -> Surfaces.surface(server, surface.id()).serial());
        AdminHttp.Reply r = AdminHttp.get(server, "/api/surfaces/" + serial + "/snapshot.png");
        assertThat(r.status()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.bytes())).getRGB(0, 0);
    }
}
