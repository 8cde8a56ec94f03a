package io.shmward.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.PoolFileKind;
import io.shmward.client.VisibleSurface;
import io.shmward.client.load.LoadGenerator;
import io.shmward.client.load.LoadMode;
import io.shmward.client.load.LoadResult;
import io.shmward.client.load.LoadSettings;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The paced (open-loop) sync load and the idle crowd against a real Shmward: every scheduled round trip is
 * sent and counted, a stall of the compositor shows in every round trip it delayed, and clients the server
 * drops are reported as dropped.
 */
class PacedLoadTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static LoadSettings paced(TestServer server, int clients, double rate, Duration duration) {
        return new LoadSettings(server.socket(), clients, 1, 1, duration, Duration.ofMillis(200), LoadMode.SYNC,
                VisibleSurface.RoleChoice.AUTO, PoolFileKind.SEALED, rate);
    }

    @Test
    void everyScheduledRoundTripIsSentAndAnswered() throws Exception {
        try (TestServer server = TestServer.start()) {
            LoadResult result = LoadGenerator.run(paced(server, 20, 20, Duration.ofSeconds(1)), "test");
            assertThat(result.errors()).isEmpty();
            assertThat(result.dropped()).isZero();
            assertThat(result.operations()).isBetween(399L, 401L); // 20 clients x 20/s x 1 s
            assertThat(result.latency().getTotalCount()).isEqualTo(result.operations());
            assertThat(result.sendLag().getTotalCount()).isEqualTo(result.operations());
            assertThat(result.text()).contains("paced at 20.0/s per client (400/s in all)").contains("dropped      0");
            assertThat(result.json()).contains("\"rate\" : 20.0").contains("\"sendLagMicros\"");
        }
    }

    @Test
    void aStallShowsInEveryRoundTripItDelayed() throws Exception {
        try (TestServer server = TestServer.start()) {
            // 2 clients at 50/s: one round trip every 10 ms in all; the event loop then stalls 300 ms
            Thread stall = Thread.ofVirtual().unstarted(() -> {
                try {
                    Thread.sleep(600);
                    server.server().onLoop(() -> {
                        Thread.sleep(300);
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LoadResult result = LoadGenerator.run(paced(server, 2, 50, Duration.ofMillis(1500)), "test",
                    line -> stall.start());
            stall.join();
            assertThat(result.errors()).isEmpty();
            assertThat(result.operations()).isBetween(149L, 151L); // none skipped for the stall
            assertThat(result.latency().getMaxValue()).isGreaterThan(250 * MS);
            // those meant to start in the stall's first 200 ms waited 100 ms or more: about 20, not one
            assertThat(result.latency().getCountBetweenValues(100 * MS, TimeUnit.SECONDS.toNanos(60)))
                    .isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void clientsTheServerDropsAreCountedAsDropped() throws Exception {
        try (TestServer server = TestServer.start()) {
            Thread dropAll = Thread.ofVirtual().unstarted(() -> {
                try {
                    Thread.sleep(300);
                    server.server().onLoop(() -> {
                        for (Client c : server.server().display().clients()) {
                            c.disconnect(DisconnectReason.SERVER_SHUTDOWN);
                        }
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LoadResult result = LoadGenerator.run(paced(server, 5, 20, Duration.ofSeconds(1)), "test",
                    line -> dropAll.start());
            dropAll.join();
            assertThat(result.dropped()).isEqualTo(5);
            assertThat(result.errors()).hasSize(5);
            assertThat(result.text()).contains("dropped      5");
        }
    }

    @Test
    void anIdleCrowdAnswersPingsAndStaysServed() throws Exception {
        // a ping each second, to be answered within the second: twice in the run
        try (TestServer server = TestServer.start("xdg:\n  ping-timeout-ms: 1000\n")) {
            LoadSettings settings = new LoadSettings(server.socket(), 20, 1, 1, Duration.ofMillis(2500),
                    Duration.ZERO, LoadMode.IDLE, VisibleSurface.RoleChoice.AUTO, PoolFileKind.SEALED);
            AtomicInteger connectedWhenSetUp = new AtomicInteger();
            LoadResult result = LoadGenerator.run(settings, "test", line -> connectedWhenSetUp.set(server.clientCount()));
            assertThat(connectedWhenSetUp).hasValue(20);
            assertThat(result.errors()).isEmpty();
            assertThat(result.operations()).isEqualTo(20);
            assertThat(result.text()).contains("served       20 of 20 at the end");
        }
    }
}
