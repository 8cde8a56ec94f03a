package io.shmward.server.compositor.xdg;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.server.compositor.ShellClient;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** xdg_wm_base.ping: a client that does not answer within the configured time is disconnected. */
class PingTest {

    @Test
    void clientThatNeverPongsIsDisconnectedAsUnresponsive() throws Exception {
        try (TestServer server = TestServer.start("xdg:\n  ping-timeout-ms: 300\n");
             ShellClient c = ShellClient.connect(server)) {
            long start = System.nanoTime();
            c.expectError("xdg_wm_base", "unresponsive");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(waited).as("disconnected after the timeout, not at once").isGreaterThanOrEqualTo(200);
            assertThat(c.wmBase.events("ping")).hasSize(1);
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "ping-timeout"))
                    .as("disconnects counted as ping-timeout").isEqualTo(1.0);
        }
    }

    @Test
    void clientThatPongsStaysAndIsPingedAgain() throws Exception {
        try (TestServer server = TestServer.start("xdg:\n  ping-timeout-ms: 200\n");
             ShellClient c = ShellClient.connect(server)) {
            ClientObject wmBase = c.wmBase;
            for (var ping : wmBase.events("ping")) {
                wmBase.send("pong", ping.intArg(0)); // the one sent at bind, received while connecting
            }
            wmBase.onEvent(m -> {
                try {
                    wmBase.send("pong", m.intArg(0));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long end = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            while (System.nanoTime() < end) {
                c.wl.dispatch(Duration.ofMillis(50));
            }
            c.expectAlive();
            assertThat(wmBase.events("ping").size()).as("pinged about every 200 ms").isBetween(2, 8);
        }
    }

    @Test
    void zeroTimeoutSwitchesPingsOff() throws Exception {
        try (TestServer server = TestServer.start("xdg:\n  ping-timeout-ms: 0\n");
             ShellClient c = ShellClient.connect(server)) {
            Thread.sleep(200);
            c.expectAlive();
            assertThat(c.wmBase.events("ping")).isEmpty();
        }
    }
}
