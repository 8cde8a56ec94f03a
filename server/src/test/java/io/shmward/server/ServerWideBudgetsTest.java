package io.shmward.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server-wide budgets bound the sum over all clients. Several clients fill one; the client whose request
 * would pass it gets no_memory, every other client goes on being served, and what a client gives back can
 * be taken again.
 */
class ServerWideBudgetsTest {
    private static final int NO_MEMORY = Protocol.standard().get("wl_display").errorCode("no_memory");

    @Test
    void poolFilesOfAllClientsTogether() throws Exception {
        try (TestServer server = TestServer.start("shm:\n  limits:\n    total-pool-files: 6\n");
             MemFile file = MemFile.sealedMemfd("budget", 4096)) {
            List<ShmScene> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ShmScene s = ShmScene.on(server.connect());
                s.createPool(file.fd(), 4096);
                s.createPool(file.fd(), 4096);
                s.client().roundtrip();
                clients.add(s);
            }
            try (WaylandClient late = server.connect()) {
                ShmScene.on(late).createPool(file.fd(), 4096);
                assertRefused(late, "server-wide pool file limit of 6");
            }
            for (ShmScene s : clients) {
                s.client().roundtrip();
                assertThat(s.client().error()).isNull();
            }
            clients.get(0).client().close(); // its two pool files go back to the budget
            server.awaitMeter(4, "shmward.shm.pools.live");
            try (WaylandClient next = server.connect()) {
                ShmScene.on(next).createPool(file.fd(), 4096);
                next.roundtrip();
                assertThat(next.error()).isNull();
            }
            for (ShmScene s : clients.subList(1, 3)) {
                s.client().close();
            }
        }
    }

    @Test
    void surfaceContentOfAllClientsTogether() throws Exception {
        int side = 64;
        int bytes = side * side * 4;
        try (TestServer server = TestServer.start("limits:\n  total-content-bytes: " + (3 * bytes) + "\n");
             MemFile file = MemFile.sealedMemfd("content", bytes)) {
            List<WaylandClient> shown = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WaylandClient c = server.connect();
                show(c, file, side);
                c.roundtrip();
                assertThat(c.error()).isNull();
                shown.add(c);
            }
            try (WaylandClient late = server.connect()) {
                show(late, file, side);
                assertRefused(late, "server-wide surface content byte limit");
            }
            for (WaylandClient c : shown) {
                c.roundtrip();
                assertThat(c.error()).isNull();
                c.close();
            }
        }
    }

    @Test
    void objectsOfAllClientsTogether() throws Exception {
        try (TestServer server = TestServer.start("limits:\n  total-objects: 40\n")) {
            List<WaylandClient> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WaylandClient c = server.connect();
                ShmScene s = ShmScene.on(c); // display, registry, wl_shm, wl_compositor: a few objects each
                for (int j = 0; j < 5; j++) {
                    s.createSurface();
                }
                c.roundtrip();
                clients.add(c);
            }
            try (WaylandClient late = server.connect()) {
                ShmScene s = ShmScene.on(late);
                ServerError error;
                try {
                    for (int j = 0; j < 40; j++) {
                        s.createSurface();
                    }
                    error = late.awaitDisconnect(Duration.ofSeconds(5));
                } catch (ConnectionClosedException closed) {
                    error = closed.error(); // refused while it was still sending
                }
                assertThat(error.code()).isEqualTo(NO_MEMORY);
                assertThat(error.message()).contains("server-wide object limit of 40");
            }
            for (WaylandClient c : clients) {
                c.roundtrip();
                assertThat(c.error()).isNull();
                c.close();
            }
        }
    }

    /**
     * Past the server-wide mapped bytes a sealed pool is read by pread, never refused: reading its holes
     * through a mapping would make the kernel allocate the client's pages at the server's expense.
     */
    @Test
    void mappedBytesOfAllClientsTogetherAreADetourNotARefusal() throws Exception {
        int side = 256;
        int bytes = side * side * 4;
        try (TestServer server = TestServer.start("shm:\n  limits:\n    total-mapped-bytes: " + bytes + "\n");
             WaylandClient first = server.connect();
             WaylandClient second = server.connect();
             MemFile file = MemFile.sealedMemfd("mapped", bytes)) {
            file.fillPixels(0, bytes, 0xff204060);
            show(first, file, side);
            first.roundtrip();
            assertThat(server.meter("shmward.shm.mapped")).as("the first pool fits the budget").isEqualTo(bytes);
            ClientObject surface = show(second, file, side);
            second.roundtrip();
            assertThat(second.error()).isNull();
            assertThat(server.meter("shmward.shm.mapped")).as("the second is read by pread").isEqualTo(bytes);
            byte[] pixels = server.snapshotPixels(surface.id());
            assertThat(pixels[0]).isEqualTo((byte) 0x60);
            assertThat(pixels[bytes - 1]).isEqualTo((byte) 0xff);
        }
    }

    private static ClientObject show(WaylandClient c, MemFile file, int side) throws Exception {
        ShmScene s = ShmScene.on(c);
        ClientObject pool = s.createPool(file.fd(), side * side * 4);
        ClientObject buffer = s.createBuffer(pool, 0, side, side, side * 4, ShmScene.ARGB8888);
        ClientObject surface = s.createSurface();
        s.show(surface, buffer, side, side);
        return surface;
    }

    private static void assertRefused(WaylandClient c, String why) throws Exception {
        ServerError error = c.awaitDisconnect(Duration.ofSeconds(5));
        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(NO_MEMORY);
        assertThat(error.message()).contains(why);
    }
}
