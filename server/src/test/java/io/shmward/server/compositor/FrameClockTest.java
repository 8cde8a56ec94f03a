package io.shmward.server.compositor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.shmward.protocol.wire.Message;
import io.shmward.server.core.CallbackResource;
import io.shmward.server.core.Client;
import io.shmward.server.core.CoreObserver;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.Display;
import io.shmward.server.core.Outbox;
import io.shmward.server.core.PeerCredentials;
import io.shmward.server.core.ProtocolTrace;
import io.shmward.server.fd.FdCloser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The frame clock is one periodic task for every client, and a periodic task that throws is cancelled
 * for good. A callback that fails to fire costs only its own client; the clock ticks on for the others.
 */
class FrameClockTest {
    @Test
    void aCallbackThatFailsCostsOnlyItsClientAndTheClockTicksOn() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try (FdCloser closer = FdCloser.start(1, 1, 1_000_000_000L, 1)) {
            Recording healthy = new Recording(false);
            Recording broken = new Recording(true);
            Client[] ok = new Client[1];
            FrameClock clock = loop.submit(() -> {
                Display display = new Display(ProtocolTrace.OFF, CoreObserver.NONE, 1000, 100_000, Map.of(), null);
                ok[0] = display.connect(PeerCredentials.UNKNOWN, healthy, closer.account());
                Client failing = display.connect(PeerCredentials.UNKNOWN, broken, closer.account());
                FrameClock c = new FrameClock(loop, 1_000_000, new FrameReads()); // 1 kHz
                c.queue(List.of(CallbackResource.create(failing, 2), CallbackResource.create(ok[0], 2)));
                return c;
            }).get();
            try {
                awaitDone(healthy, 1);
                assertThat(broken.closedFor).containsExactly(DisconnectReason.INTERNAL_ERROR);

                loop.submit(() -> clock.queue(List.of(CallbackResource.create(ok[0], 3)))).get();
                awaitDone(healthy, 2);
                assertThat(healthy.closedFor).isEmpty();
            } finally {
                loop.submit(clock::close).get();
            }
        } finally {
            loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static void awaitDone(Recording outbox, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (outbox.done() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(outbox.done()).as("wl_callback.done events").isEqualTo(count);
    }

    /** An outbox that records events, and fails on wl_callback.done when told to. */
    private static final class Recording implements Outbox {
        final List<Message> sent = new CopyOnWriteArrayList<>();
        final List<DisconnectReason> closedFor = new CopyOnWriteArrayList<>();
        private final boolean failOnDone;

        Recording(boolean failOnDone) {
            this.failOnDone = failOnDone;
        }

        long done() {
            return sent.stream().filter(m -> m.spec().interfaceName().equals("wl_callback")).count();
        }

        @Override
        public void send(Message event) {
            if (failOnDone && event.spec().interfaceName().equals("wl_callback")) {
                throw new IllegalStateException("a bug of ours while sending " + event.spec());
            }
            sent.add(event);
        }

        @Override
        public void close(DisconnectReason reason) {
            closedFor.add(reason);
        }

        @Override
        public void holdDispatch() {
        }

        @Override
        public void resumeDispatch() {
        }
    }
}
