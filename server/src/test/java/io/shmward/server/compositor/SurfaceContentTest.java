package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.server.testing.TestServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/** What a commit does with the buffer: consumed into the snapshot, released, frame callbacks at the output's rate. */
class SurfaceContentTest {

    @Test
    void committedBufferIsReleasedAfterConsumption() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            ClientObject buffer = c.buffer(16, 8, 0x00ff0000);
            surface.send("attach", buffer.id(), 0, 0);
            c.wl.roundtrip();
            assertThat(buffer.events("release")).as("not released before the commit").isEmpty();
            surface.send("commit");
            c.wl.roundtrip();
            assertThat(buffer.events("release")).as("released once consumed").hasSize(1);
            assertThat(Surfaces.find(server, surface.id()).commits).isEqualTo(1);
        }
    }

    @Test
    void snapshotHoldsTheExactPixelsOfTheCommittedBuffer() throws Exception {
        int width = 37;
        int height = 23;
        IntBinaryOperator pattern = (x, y) -> 0xff000000 | ((x * 7) & 0xff) << 16 | ((y * 13) & 0xff) << 8 | ((x + y) & 0xff);
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            surface.send("attach", c.buffer(width, height, pattern).id(), 0, 0);
            surface.send("damage_buffer", 0, 0, width, height);
            surface.send("commit");
            c.wl.roundtrip();

            Surfaces.View view = Surfaces.find(server, surface.id());
            assertThat(view.width).isEqualTo(width);
            assertThat(view.height).isEqualTo(height);
            assertThat(view.format).isEqualTo("xrgb8888");
            ByteBuffer pixels = ByteBuffer.wrap(view.pixels).order(ByteOrder.nativeOrder());
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(pixels.getInt(y * view.stride + x * 4)).as("pixel %d,%d", x, y)
                            .isEqualTo(pattern.applyAsInt(x, y));
                }
            }
        }
    }

    @Test
    void damagedBandOfANewBufferReplacesOnlyThatBand() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            surface.send("attach", c.buffer(8, 8, 0x00111111).id(), 0, 0);
            surface.send("commit");
            surface.send("attach", c.buffer(8, 8, 0x00222222).id(), 0, 0);
            surface.send("damage_buffer", 0, 4, 8, 4);
            surface.send("commit");
            c.wl.roundtrip();

            ByteBuffer pixels = ByteBuffer.wrap(Surfaces.find(server, surface.id()).pixels).order(ByteOrder.nativeOrder());
            assertThat(pixels.getInt(0)).as("undamaged top row keeps the first buffer").isEqualTo(0x00111111);
            assertThat(pixels.getInt(5 * 32)).as("damaged bottom band shows the second").isEqualTo(0x00222222);
        }
    }

    /** A behaviour check of the clock with generous bounds (the machine is noisy); timing goes to benchmarks. */
    /**
     * limits.content-bytes-per-client bounds the server's copies of a client's surfaces: 256x256 xrgb is
     * 256 KiB, so four fit in 1 MiB; a fifth surface is no_memory. A surface that gives its copy back
     * (destroyed) or keeps its shape makes no new claim.
     */
    @Test
    void surfaceContentIsBoundedPerClient() throws Exception {
        try (TestServer server = TestServer.start("limits:\n  content-bytes-per-client: 1048576\n");
             ShellClient c = ShellClient.connect(server)) {
            ClientObject buffer = c.buffer(256, 256, 0x00336699);
            List<ClientObject> surfaces = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ClientObject surface = c.surface();
                surface.send("attach", buffer.id(), 0, 0);
                surface.send("commit");
                surfaces.add(surface);
            }
            surfaces.getFirst().send("attach", buffer.id(), 0, 0);
            surfaces.getFirst().send("commit");
            c.expectAlive();
            surfaces.getLast().send("destroy");
            ClientObject replacement = c.surface();
            replacement.send("attach", buffer.id(), 0, 0);
            replacement.send("commit");
            c.expectAlive();

            ClientObject fifth = c.surface();
            fifth.send("attach", buffer.id(), 0, 0);
            fifth.send("commit");
            c.expectError("wl_display", "no_memory");
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "limit-exceeded")).isEqualTo(1);
        }
    }

    @Test
    void frameCallbacksArriveAtTheConfiguredRate() throws Exception {
        int hz = 50;
        try (TestServer server = TestServer.start("output:\n  refresh-hz: " + hz + "\n");
             ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            surface.send("attach", c.buffer(4, 4, 0).id(), 0, 0);
            surface.send("commit");
            List<Integer> times = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                ClientObject callback = c.wl.create(surface, "frame", (Object) null);
                surface.send("damage", 0, 0, 1, 1);
                surface.send("commit");
                c.wl.dispatchUntil(callback::isDestroyed, ShellClient.TIMEOUT);
                times.add(callback.events("done").getFirst().intArg(0));
            }
            assertThat(times.size()).as("frame callbacks in 2 s at %d Hz", hz).isBetween(hz * 2 * 3 / 4, hz * 2 * 5 / 4);
            assertThat(times).as("timestamps in ms never go back").isSorted();
            int span = times.getLast() - times.getFirst();
            assertThat(span).as("callback timestamps span about 2 s in ms").isBetween(1500, 2500);
        }
    }

    @Test
    void frameCallbacksFireOnlyForSurfacesThatCommitted() throws Exception {
        try (TestServer server = TestServer.start(); ShellClient c = ShellClient.connect(server)) {
            ClientObject surface = c.surface();
            ClientObject callback = c.wl.create(surface, "frame", (Object) null);
            c.wl.roundtrip();
            Thread.sleep(100); // several frames pass
            c.wl.roundtrip();
            assertThat(callback.isDestroyed()).as("no commit, no frame callback").isFalse();
            surface.send("commit");
            c.wl.dispatchUntil(callback::isDestroyed, ShellClient.TIMEOUT);
        }
    }
}
