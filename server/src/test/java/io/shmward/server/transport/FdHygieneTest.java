package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.RawMessage;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.ProcessFds;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Received fds are the server's to close: queued ones when a client leaves, excess ones at once. The
 * server runs in this JVM, so its fds are counted in /proc/self/fd; each test's fds point at a memfd with a
 * unique name, and the client side holds exactly one of them.
 */
class FdHygieneTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void thousandClientsSendingFdsLeaveNoFdBehind() throws Exception {
        try (TestServer server = TestServer.start()) {
            warmUp(server);
            int baseline = ProcessFds.count();
            int probe = Libc.memfdCreate("fd-hygiene-" + UUID.randomUUID(), Libc.MFD_CLOEXEC);
            try {
                for (int i = 0; i < 1000; i++) {
                    WaylandClient c = server.connect();
                    // fds with a message that takes none: they wait in the queue until the client leaves
                    byte[] sync = syncFrom(c);
                    c.sendRaw(sync, probe, probe, probe);
                    if (i % 2 == 0) {
                        c.roundtrip();
                    } else {
                        // abrupt: half a message on the wire, then gone without waiting for anything
                        c.sendRaw(Arrays.copyOf(sync, 6), probe);
                    }
                    c.close();
                }
            } finally {
                Libc.close(probe);
            }
            int after = ProcessFds.awaitCount(n -> n <= baseline, SETTLE);
            assertThat(after).as("open fds after 1000 clients (baseline %d)", baseline).isLessThanOrEqualTo(baseline);
            assertThat(server.clientCount()).isZero();
        }
    }

    @Test
    void the253FdsOfOneSendmsgAreReceivedWholeAndTheQueueBoundHolds() throws Exception {
        int bound = 1024;
        try (TestServer server = TestServer.start("limits:\n  fd-queue: " + bound + "\n")) {
            warmUp(server);
            int baseline = ProcessFds.count();
            String name = "fd-flood-" + UUID.randomUUID();
            int probe = Libc.memfdCreate(name, Libc.MFD_CLOEXEC);
            int[] fds = new int[253];
            Arrays.fill(fds, probe);
            int maxHeld = 0;
            for (int round = 0; round < 3; round++) {
                try (WaylandClient c = server.connect()) {
                    boolean disconnected = false;
                    for (int i = 0; i < 6 && !disconnected; i++) {
                        try {
                            c.sendRaw(syncFrom(c), fds);
                            c.roundtrip();
                        } catch (IOException e) {
                            disconnected = true; // past the bound the server drops the client
                        }
                        int held = ProcessFds.countLinkingTo(name) - 1;
                        maxHeld = Math.max(maxHeld, held);
                        if (!disconnected) {
                            // everything sent so far arrived: 253 per sendmsg, nothing cut off at 60
                            assertThat(held).as("round %d batch %d", round, i).isEqualTo(253 * (i + 1));
                        }
                    }
                    assertThat(disconnected).as("dropped once past %d queued fds", bound).isTrue();
                }
                int settled = ProcessFds.awaitCount(n -> n <= baseline + 1, SETTLE);
                assertThat(settled).isLessThanOrEqualTo(baseline + 1); // + the probe itself
            }
            Libc.close(probe);
            assertThat(maxHeld).isLessThanOrEqualTo(bound);
            assertThat(ProcessFds.countLinkingTo(name)).isZero();
        }
    }

    /** A wl_display.sync under an id the client allocated, so its own round trips do not mistake the answer. */
    private static byte[] syncFrom(WaylandClient c) {
        int id = c.allocate(Protocol.standard().get("wl_callback"), 1).id();
        return RawMessage.to(1, 0).word(id).build();
    }

    private static void warmUp(TestServer server) throws IOException {
        // the first connection loads classes and opens junixsocket's process-wide helper socket
        try (WaylandClient c = server.connect()) {
            c.roundtrip();
        }
    }
}
