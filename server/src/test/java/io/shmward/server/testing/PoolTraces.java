package io.shmward.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a pool file leaves in the server's process while it is held, and must not leave once it is let go. */
public final class PoolTraces {
    private PoolTraces() {
    }

    /** Mappings of files whose name contains {@code name}, in this process. */
    public static long mappingsOf(String name) throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains(name)).count();
        }
    }

    /**
     * Within {@code wait}, the process is back to {@code baselineFds} open fds, and no fd, mapping, pool,
     * buffer or mapped byte of the pools named {@code name} remains.
     */
    public static void assertNoneLeft(TestServer server, String name, int baselineFds, Duration wait)
            throws IOException, InterruptedException {
        int fds = ProcessFds.awaitCount(n -> n <= baselineFds, wait);
        assertThat(fds).as("open fds (baseline %d)", baselineFds).isLessThanOrEqualTo(baselineFds);
        assertThat(ProcessFds.countLinkingTo(name)).isZero();
        assertThat(mappingsOf(name)).isZero();
        assertThat(server.meter("shmward.shm.mapped")).isZero();
        assertThat(server.meter("shmward.shm.pools.live")).isZero();
        assertThat(server.meter("shmward.shm.buffers.live")).isZero();
    }
}
