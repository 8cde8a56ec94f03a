package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client past a per-client limit gets wl_display.error no_memory, is dropped and counted; others go on. */
class ShmLimitsTest {
    private static final int NO_MEMORY = Protocol.standard().get("wl_display").errorCode("no_memory");
    private static final String LIMITS = """
            limits:
              objects-per-client: 200
            shm:
              limits:
                pools: 8
                buffers: 20
                pool-files: 10
                pool-bytes: 1048576
            """;

    @Test
    void poolCountLimit() throws IOException {
        assertLimit((s, file) -> {
            for (int i = 0; i < 9; i++) {
                s.createPool(file.fd(), 4096);
            }
        }, "wl_shm_pool limit");
    }

    @Test
    void poolBytesLimitCountsResizesToo() throws IOException {
        assertLimit((s, file) -> {
            ClientObject pool = s.createPool(file.fd(), 524288);
            pool.send("resize", 1048576 + 4096);
        }, "pool byte limit");
    }

    @Test
    void aTerabyteClaimIsRefused() throws IOException {
        assertLimit((s, file) -> {
            for (int i = 0; i < 512; i++) {
                s.createPool(file.fd(), Integer.MAX_VALUE);
                s.client().roundtrip(); // one claim at a time: the refusal comes before a write can fail
            }
        }, "pool byte limit");
    }

    @Test
    void poolFilesOutliveTheirPoolsAndStayCounted() throws IOException {
        assertLimit((s, file) -> {
            for (int i = 0; i < 11; i++) {
                ClientObject pool = s.createPool(file.fd(), 4096);
                s.createBuffer(pool, 0, 16, 16, 64, ShmScene.ARGB8888);
                pool.send("destroy"); // the buffer keeps the fd open
            }
        }, "open pool file limit");
    }

    @Test
    void bufferLimit() throws IOException {
        assertLimit((s, file) -> {
            ClientObject pool = s.createPool(file.fd(), 4096);
            for (int i = 0; i < 21; i++) {
                s.createBuffer(pool, 0, 16, 16, 64, ShmScene.ARGB8888);
            }
        }, "wl_buffer limit");
    }

    @Test
    void objectLimit() throws IOException {
        assertLimit((s, file) -> {
            for (int i = 0; i < 250; i++) {
                s.createSurface();
            }
        }, "object limit");
    }

    @Test
    void theServerRaisesItsOpenFileLimitToTheHardLimit() throws IOException {
        try (TestServer server = TestServer.start()) {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
            String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
            assertThat(fields[0]).as("soft limit").isEqualTo(fields[1]);
        }
    }

    /**
     * A pool grown by resize gives all its bytes back when it goes: the count follows the pool's size, not
     * the size it was created with. 1,000 cycles of a small pool grown to 64 MiB claim 64 GiB in all, 64 MiB
     * at a time, against a limit of 4 GiB.
     */
    @Test
    void aGrownPoolGivesBackItsGrownBytesThousandsOfTimes() throws IOException {
        int grown = 64 << 20;
        try (TestServer server = TestServer.start();
             WaylandClient c = server.connect();
             MemFile file = MemFile.memfd("grown", grown)) {
            ShmScene s = ShmScene.on(c);
            ClientObject surface = s.createSurface();
            for (int cycle = 0; cycle < 1000; cycle++) {
                ClientObject pool = s.createPool(file.fd(), 1 << 20);
                pool.send("resize", grown);
                ClientObject buffer = s.createBuffer(pool, grown - 4096, 32, 32, 128, ShmScene.ARGB8888);
                s.show(surface, buffer, 32, 32);
                pool.send("destroy");
                buffer.send("destroy");
                if (cycle % 100 == 99) {
                    c.roundtrip();
                    assertThat(c.error()).as("cycle %d", cycle).isNull();
                }
            }
            c.roundtrip();
            assertThat(c.error()).isNull();
            assertThat(server.meter("shmward.connections.closed", "reason", "limit-exceeded")).isZero();
        }
    }

    interface Abuse {
        void run(ShmScene scene, MemFile file) throws IOException;
    }

    private static void assertLimit(Abuse abuse, String messagePart) throws IOException {
        try (TestServer server = TestServer.start(LIMITS); WaylandClient bystander = server.connect()) {
            ShmScene.on(bystander);
            try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("limits", 4096)) {
                ServerError e;
                try {
                    abuse.run(ShmScene.on(c), file);
                    e = c.awaitDisconnect(Duration.ofSeconds(5));
                } catch (ConnectionClosedException closed) {
                    e = closed.error();
                }
                assertThat(e.objectId()).isEqualTo(1);
                assertThat(e.code()).isEqualTo(NO_MEMORY);
                assertThat(e.message()).contains(messagePart);
            }
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "limit-exceeded")).isEqualTo(1);
            assertThat(server.awaitMeter(0, "shmward.shm.pools.live")).isZero();
            bystander.roundtrip();
        }
    }
}
