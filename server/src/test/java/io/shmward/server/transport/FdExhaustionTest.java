package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.server.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The process runs out of fds (its limit lowered by the test) while a client waits to connect: accepting
 * pauses instead of spinning on EMFILE, served clients go on, the episode is counted and logged once, and
 * the waiting client is served once fds are free again.
 */
class FdExhaustionTest {
    @Test
    void outOfFdsTheAcceptLoopRestsAndServedClientsGoOn() throws Exception {
        Logger transportLog = (Logger) LoggerFactory.getLogger(FdServerSocketChannel.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        transportLog.addAppender(logged);
        long normal = Libc.setOpenFileLimit(Long.MAX_VALUE);
        List<Integer> filler = new ArrayList<>();
        try (TestServer server = TestServer.start(); WaylandClient served = server.connect()) {
            served.roundtrip();
            CompletableFuture<WaylandClient> waiting;
            long cpuBefore;
            try {
                Libc.setOpenFileLimit(openFds() + 8);
                fillFdTable(filler);
                // two fds for the client that waits (its socket, and one spare), none for the server's accept
                Libc.closeQuietly(filler.removeLast());
                Libc.closeQuietly(filler.removeLast());
                waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        WaylandClient c = WaylandClient.connect(server.socket());
                        c.roundtrip(Duration.ofSeconds(20));
                        return c;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(server.awaitMeter(1, "shmward.accepts.refused", "reason", "fd-limit")).isPositive();
                cpuBefore = processCpuNanos();
                Thread.sleep(1000);
                long cpu = processCpuNanos() - cpuBefore;
                assertThat(Duration.ofNanos(cpu)).as("CPU of the whole process over 1 s out of fds: no busy accept loop")
                        .isLessThan(Duration.ofMillis(300));
                served.roundtrip();
                assertThat(served.error()).isNull();
                assertThat(waiting).isNotDone();
            } finally {
                filler.forEach(Libc::closeQuietly);
                Libc.setOpenFileLimit(normal);
            }
            try (WaylandClient late = waiting.get(10, TimeUnit.SECONDS)) {
                assertThat(late.error()).isNull();
            }
            served.roundtrip();
        } finally {
            transportLog.detachAppender(logged);
        }
        assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.WARN)).as("one warning per episode").hasSize(1);
        assertThat(logged.list.stream().filter(e -> e.getFormattedMessage().startsWith("accepting connections again")))
                .hasSize(1);
    }

    private static void fillFdTable(List<Integer> filler) {
        while (true) {
            try {
                filler.add(Libc.open("/dev/null", Libc.O_RDONLY | Libc.O_CLOEXEC, 0));
            } catch (java.io.IOException full) {
                return;
            }
        }
    }

    private static long openFds() throws java.io.IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
