package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.RoundTripTimer;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The first show of a never-written 1 GiB sealed buffer: about a second of copying (every page a hole the
 * kernel reads as zeros). It happens on a worker while that client waits; a bystander's round trips go on.
 */
class LargeReadOffLoopTest {
    private static final int SIDE = 16384;
    private static final int STRIDE = SIDE * 4;
    private static final int SIZE = STRIDE * SIDE; // 1 GiB

    @Test
    void aGigabyteOfHolesIsReadOffTheLoopWhileABystanderIsServed() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient attacker = server.connect();
             WaylandClient bystander = server.connect();
             MemFile file = MemFile.sealedMemfd("never-written", SIZE)) {
            ShmScene s = ShmScene.on(attacker);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, SIDE, SIDE, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            attacker.roundtrip();
            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(10));
            try {
                s.show(surface, buffer, SIDE, SIDE);
                attacker.roundtrip(Duration.ofSeconds(30));
                Thread.sleep(100); // a few more of the bystander's round trips after the read
            } finally {
                timer.close();
            }
            assertThat(attacker.error()).isNull();
            assertThat(timer.failures()).isZero();
            // today's read takes about a second; on the loop it held the bystander that long
            assertThat(timer.slowest()).isLessThan(Duration.ofMillis(500));
            assertThat(server.meter("shmward.shm.consumed")).isEqualTo(SIZE);
            long nonZero = server.inspectSnapshot(surface.id(), pixels -> {
                for (long i = 0; i < pixels.byteSize(); i += 4096 * 16) {
                    if (pixels.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) != 0) {
                        return i;
                    }
                }
                return -1L;
            });
            assertThat(nonZero).as("holes read as zeros").isEqualTo(-1);
        }
    }
}
