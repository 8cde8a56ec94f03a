package io.shmward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.server.testing.DebianTool;
import io.shmward.server.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        Logger transportLog = (Logger) LoggerFactory.getLogger(WaylandListener.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        transportLog.addAppender(logged);
        long normal = Libc.setOpenFileLimit(Long.MAX_VALUE);
        List<Integer> filler = new ArrayList<>();
        Path waylandInfo = DebianTool.require("wayland-info", "wayland-utils");
        try (TestServer server = TestServer.start(); WaylandClient served = server.connect()) {
            served.roundtrip();
            // The client that will wait is another process, with an fd table of its own: it connects a second
            // from now, when this process (the server) has no fd left to accept it with.
            ProcessBuilder later = new ProcessBuilder("sh", "-c", "sleep 1; exec \"$0\"", waylandInfo.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            later.environment().put("XDG_RUNTIME_DIR", server.runtimeDir().toString());
            later.environment().put("WAYLAND_DISPLAY", server.socket().toString());
            Process waiting = later.start();
            long cpuBefore;
            try {
                Libc.setOpenFileLimit(openFds() + 8);
                fillFdTable(filler);
                assertThat(server.awaitMeter(1, "shmward.accepts.refused", "reason", "fd-limit")).isPositive();
                cpuBefore = processCpuNanos();
                Thread.sleep(1000);
                long cpu = processCpuNanos() - cpuBefore;
                assertThat(Duration.ofNanos(cpu)).as("CPU of the whole process over 1 s out of fds: no busy accept loop")
                        .isLessThan(Duration.ofMillis(300));
                served.roundtrip();
                assertThat(served.error()).isNull();
                assertThat(waiting.isAlive()).as("the new client waits in the backlog").isTrue();
            } finally {
                filler.forEach(Libc::closeQuietly);
                Libc.setOpenFileLimit(normal);
            }
            assertThat(waiting.waitFor(20, TimeUnit.SECONDS)).as("accepted once fds are free").isTrue();
            assertThat(waiting.exitValue()).as("wayland-info served").isZero();
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
