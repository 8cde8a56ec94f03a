package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.server.testing.PoolTraces;
import io.shmward.server.testing.ProcessFds;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every pool's fd and mapping is released when its last user goes: after 1,000 pools, made and dropped in
 * every way a client can drop them, the server's /proc/self/maps and /proc/self/fd are back to baseline.
 */
class PoolHygieneTest {

    @Test
    void aThousandPoolsLeaveNoFdAndNoMappingBehind() throws Exception {
        String name = "hygiene-" + UUID.randomUUID();
        try (TestServer server = TestServer.start()) {
            try (WaylandClient warm = server.connect()) {
                ShmScene.on(warm);
            }
            int baselineFds = ProcessFds.count();
            for (int i = 0; i < 1000; i++) {
                boolean sealed = i % 2 == 0;
                WaylandClient c = server.connect();
                try (MemFile file = sealed ? MemFile.sealedMemfd(name, 65536) : MemFile.memfd(name, 65536)) {
                    ShmScene s = ShmScene.on(c);
                    ClientObject pool = s.createPool(file.fd(), 65536);
                    ClientObject buffer = s.createBuffer(pool, 0, 64, 64, 256, ShmScene.ARGB8888);
                    ClientObject surface = s.createSurface();
                    s.show(surface, buffer, 64, 64);
                    switch (i % 4) {
                        case 0 -> { // tidy: everything destroyed by request
                            surface.send("destroy");
                            buffer.send("destroy");
                            pool.send("destroy");
                            c.roundtrip();
                        }
                        case 1 -> { // pool destroyed, buffer alive, then the client leaves
                            pool.send("destroy");
                            c.roundtrip();
                        }
                        case 2 -> { // resized (remapped when sealed), then abrupt disconnect
                            file.truncate(131072);
                            pool.send("resize", 131072);
                        }
                        default -> { // abrupt: gone before the server answered anything
                        }
                    }
                }
                c.close();
            }
            PoolTraces.assertNoneLeft(server, name, baselineFds, Duration.ofSeconds(15));
            // the tidy half certainly reached the server; abrupt clients may be gone before their requests are read
            assertThat(server.meter("shmward.shm.pools.opened", "sealed", "true")).isBetween(250.0, 500.0);
        }
    }
}
