package io.shmward.server.fd;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.RoundTripTimer;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.StallingFuse;
import io.shmward.server.testing.StallingFuse.Opcode;
import io.shmward.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's pool file on a FUSE file system whose daemon withholds its replies: every call the server
 * makes on it (fstat, pread, close) would wait for that daemon. None of them runs on the event loop: a
 * bystander's round trips are answered throughout, the client waits for its own file, the probe and the
 * read give up at the time limit (invalid_fd, fd-timeout), and a close that never returns holds only the
 * closer thread, counted in quarantine.
 */
class FuseFdTest {
    private static final int W = 64;
    private static final int H = 64;
    private static final int STRIDE = W * 4;
    private static final int SIZE = STRIDE * H;
    private static final int INVALID_FD = Protocol.standard().get("wl_shm").errorCode("invalid_fd");
    /** Far from the stall (the fd limit is 1 s; the daemon would hold a call for ever), near nothing. */
    private static final Duration BYSTANDER_BOUND = Duration.ofMillis(500);

    @TempDir
    Path dir;
    private StallingFuse fuse;
    private int fd = -1;

    @BeforeEach
    void mount() throws Exception {
        StallingFuse.assumeAvailable();
        fuse = StallingFuse.mount(dir.resolve("mnt"), SIZE);
        fd = Libc.open(fuse.file().toString(), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
    }

    @AfterEach
    void unmount() {
        if (fuse != null) {
            fuse.close(); // aborts first: every call still waiting on the daemon returns
        }
        if (fd >= 0) {
            Libc.closeQuietly(fd);
        }
    }

    @Test
    void aProbeThatNeverAnswersTimesOutOffTheLoop() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient attacker = server.connect();
             WaylandClient bystander = server.connect()) {
            ShmScene s = ShmScene.on(attacker);
            fuse.withhold(EnumSet.of(Opcode.GETATTR, Opcode.FLUSH, Opcode.STATFS));
            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(5));
            ServerError error;
            try {
                s.createPool(fd, SIZE);
                error = attacker.awaitDisconnect(Duration.ofSeconds(5));
            } finally {
                timer.close();
            }
            assertThat(fuse.received(Opcode.GETATTR)).as("the server asked the daemon").isPositive();
            assertThat(error).isNotNull();
            assertThat(error.objectId()).isEqualTo(s.shm().id());
            assertThat(error.code()).isEqualTo(INVALID_FD);
            assertThat(error.message()).contains("did not answer within 1000 ms");
            assertThat(timer.failures()).isZero();
            assertThat(timer.slowest()).isLessThan(BYSTANDER_BOUND);
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "fd-timeout")).isEqualTo(1);
        }
    }

    @Test
    void aReadThatNeverAnswersTimesOutOffTheLoop() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient attacker = server.connect();
             WaylandClient bystander = server.connect()) {
            ShmScene s = ShmScene.on(attacker);
            ClientObject pool = s.createPool(fd, SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            attacker.roundtrip();
            fuse.withhold(EnumSet.of(Opcode.READ, Opcode.FLUSH, Opcode.GETATTR));
            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(5));
            ServerError error;
            try {
                s.show(surface, buffer, W, H);
                error = attacker.awaitDisconnect(Duration.ofSeconds(5));
            } finally {
                timer.close();
            }
            assertThat(fuse.received(Opcode.READ)).isPositive();
            assertThat(error).isNotNull();
            assertThat(error.objectId()).isEqualTo(buffer.id());
            assertThat(error.code()).isEqualTo(INVALID_FD);
            assertThat(timer.failures()).isZero();
            assertThat(timer.slowest()).isLessThan(BYSTANDER_BOUND);
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "fd-timeout")).isEqualTo(1);
        }
    }

    @Test
    void withEveryWorkerStuckAnotherFdIsRefusedAtOnceAndLargeShmemReadsAreStillServed() throws Exception {
        int workers = 32;
        try (TestServer server = TestServer.start("limits:\n  fd-timeout-ms: 200\n")) {
            fuse.withhold(EnumSet.of(Opcode.GETATTR, Opcode.FLUSH));
            List<WaylandClient> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    WaylandClient c = server.connect();
                    stuck.add(c);
                    ShmScene.on(c).createPool(fd, SIZE);
                }
                for (WaylandClient c : stuck) {
                    assertThat(c.awaitDisconnect(Duration.ofSeconds(5))).isNotNull();
                }
                assertThat(fuse.awaitReceived(Opcode.GETATTR, workers, Duration.ofSeconds(5))).isTrue();

                try (WaylandClient late = server.connect()) {
                    ShmScene s = ShmScene.on(late);
                    long start = System.nanoTime();
                    s.createPool(fd, SIZE);
                    ServerError error = late.awaitDisconnect(Duration.ofSeconds(5));
                    assertThat(error.code()).isEqualTo(INVALID_FD);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused without waiting the limit")
                            .isLessThan(Duration.ofMillis(150));
                }
                int side = 2048; // 16 MiB: read off the loop when a worker is free, on it when none is
                try (WaylandClient honest = server.connect();
                     MemFile file = MemFile.sealedMemfd("large", side * side * 4)) {
                    file.fillPixels(0, (long) side * side * 4, 0xff336699);
                    ShmScene s = ShmScene.on(honest);
                    ClientObject pool = s.createPool(file.fd(), side * side * 4);
                    ClientObject buffer = s.createBuffer(pool, 0, side, side, side * 4, ShmScene.ARGB8888);
                    ClientObject surface = s.createSurface();
                    s.show(surface, buffer, side, side);
                    honest.roundtrip();
                    assertThat(honest.error()).isNull();
                    assertThat(server.snapshotPixels(surface.id())[4 * side * side - 1]).isEqualTo((byte) 0xff);
                }
            } finally {
                for (WaylandClient c : stuck) {
                    c.close();
                }
            }
        }
    }

    /**
     * One client's close stuck on its FUSE daemon holds only that client's fds: another client's closes of
     * disk files (pool after pool, more than its quarantine budget of 64) go on on another closer thread.
     */
    @Test
    void aStuckCloseHoldsOnlyItsOwnClientsFds() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient attacker = server.connect();
             WaylandClient honest = server.connect();
             MemFile disk = MemFile.fileIn(Files.createDirectories(Path.of("target", "disk-pools")), SIZE)) {
            assertThat(Libc.isShmem(disk.fd())).as("a file on disk, closed by a closer thread").isFalse();
            ShmScene a = ShmScene.on(attacker);
            ClientObject stuck = a.createPool(fd, SIZE);
            attacker.roundtrip();
            fuse.withhold(EnumSet.of(Opcode.FLUSH));
            stuck.send("destroy");
            attacker.roundtrip();
            assertThat(fuse.awaitReceived(Opcode.FLUSH, 1, Duration.ofSeconds(5))).isTrue();

            ShmScene h = ShmScene.on(honest);
            for (int i = 0; i < 200; i++) {
                ClientObject pool = h.createPool(disk.fd(), SIZE);
                pool.send("destroy");
                if (i % 20 == 19) {
                    honest.roundtrip();
                }
            }
            honest.roundtrip();
            assertThat(honest.error()).isNull();
            assertThat(server.awaitMeter(1, "shmward.fds.quarantined")).as("only the stuck one").isEqualTo(1);
            assertThat(server.meter("shmward.connections.closed", "reason", "fd-quarantine")).isZero();
        }
    }

    @Test
    void aPoolOnFuseIsServedByWorkersWhenItsDaemonAnswers() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient c = server.connect()) {
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(fd, SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            c.roundtrip();
            assertThat(c.error()).isNull();
            byte[] pixels = server.snapshotPixels(surface.id());
            assertThat(pixels).hasSize(SIZE);
            for (int i = 0; i < SIZE; i += 997) {
                assertThat(pixels[i]).as("byte %d", i).isEqualTo(StallingFuse.contentAt(i));
            }
            assertThat(server.meter("shmward.shm.mapped")).isZero();
        }
    }

    @Test
    void aCloseThatNeverReturnsHoldsOnlyTheCloserAndIsQuarantined() throws Exception {
        try (TestServer server = TestServer.start("limits:\n  fd-timeout-ms: 100\n  fd-quarantine-per-client: 1\n");
             WaylandClient attacker = server.connect();
             WaylandClient bystander = server.connect()) {
            ShmScene s = ShmScene.on(attacker);
            ClientObject first = s.createPool(fd, SIZE);
            ClientObject second = s.createPool(fd, SIZE); // the server holds a copy of the fd per pool
            attacker.roundtrip();
            fuse.withhold(EnumSet.of(Opcode.FLUSH));
            RoundTripTimer timer = RoundTripTimer.start(bystander, Duration.ofSeconds(5));
            try {
                attacker.send(first, "destroy");
                attacker.roundtrip();
                assertThat(fuse.awaitReceived(Opcode.FLUSH, 1, Duration.ofSeconds(5))).isTrue();
                assertThat(server.meter("shmward.fds.quarantined")).isEqualTo(1);
                Thread.sleep(200);
                assertThat(server.meter("shmward.fd.close.stuck")).isGreaterThan(0.1);

                attacker.send(second, "destroy"); // a second fd waiting: past this client's budget of one
                attacker.awaitDisconnect(Duration.ofSeconds(5));
                Thread.sleep(100); // a few more of the bystander's round trips
            } finally {
                timer.close();
            }
            assertThat(timer.failures()).isZero();
            assertThat(timer.slowest()).isLessThan(BYSTANDER_BOUND);
            assertThat(server.awaitMeter(1, "shmward.connections.closed", "reason", "fd-quarantine")).isEqualTo(1);

            fuse.abort();
            assertThat(server.awaitMeter(0, "shmward.fds.quarantined")).isZero();
            assertThat(server.meter("shmward.fd.closes.slow")).isGreaterThanOrEqualTo(1);
        }
    }
}
