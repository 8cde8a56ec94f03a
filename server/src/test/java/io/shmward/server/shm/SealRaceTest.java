package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client shrinks its unsealed, sealable memfd to nothing and then seals it against shrinking, aiming
 * between the server's reading of the file's size and of its seals. Read size-first, the server would see
 * "sealed, N bytes" for an empty file, map N bytes and fault on the first read. The seals are read first,
 * so whatever the timing the file is either seen unsealed (read by pread: a short read, an error or zeros)
 * or seen sealed with its size after the seal (a bound that holds for good).
 */
class SealRaceTest {
    private static final int W = 64;
    private static final int H = 64;
    private static final int STRIDE = W * 4;
    private static final int SIZE = STRIDE * H;
    private static final int INVALID_FD = Protocol.standard().get("wl_shm").errorCode("invalid_fd");

    @AfterEach
    void noSeam() {
        PoolFileFacts.afterSealsRead = () -> { };
    }

    @Test
    void aFileShrunkAndSealedBetweenTheProbesStepsIsReadByPreadAndServedAsZeros() throws Exception {
        try (TestServer server = TestServer.start("shm:\n  truncation: zero-fill\n");
             WaylandClient c = server.connect();
             MemFile file = patterned()) {
            PoolFileFacts.afterSealsRead = shrinkAndSeal(file);
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            c.roundtrip();

            assertThat(file.size()).as("the seam ran: the file is empty and sealed").isZero();
            assertThat(c.error()).isNull();
            assertThat(server.snapshotPixels(surface.id())).isEqualTo(new byte[SIZE]);
            assertThat(server.meter("shmward.shm.mapped")).as("nothing mapped").isZero();
            assertThat(server.meter("shmward.shm.pools.opened", "sealed", "false")).isEqualTo(1);
            assertThat(server.meter("shmward.internal.errors", "kind", "error")).isZero();
        }
    }

    @Test
    void underErrorTheSameRaceIsInvalidFdOnTheBuffer() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient c = server.connect();
             WaylandClient bystander = server.connect();
             MemFile file = patterned()) {
            PoolFileFacts.afterSealsRead = shrinkAndSeal(file);
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            s.show(s.createSurface(), buffer, W, H);
            ServerError error = c.awaitDisconnect(WaylandClient.DEFAULT_TIMEOUT);

            assertThat(error).isNotNull();
            assertThat(error.objectId()).isEqualTo(buffer.id());
            assertThat(error.code()).isEqualTo(INVALID_FD);
            bystander.roundtrip();
            assertThat(server.meter("shmward.internal.errors", "kind", "error")).isZero();
        }
    }

    @Test
    void aPoolResizedWhileItsFileIsShrunkAndSealedIsNotMappedPastTheFile() throws Exception {
        try (TestServer server = TestServer.start("shm:\n  truncation: zero-fill\n");
             WaylandClient c = server.connect();
             MemFile file = MemFile.memfd("seal-race-resize", SIZE)) {
            file.write(0, pattern(SIZE));
            ShmScene s = ShmScene.on(c);
            ClientObject pool = s.createPool(file.fd(), SIZE / 2);
            c.roundtrip();
            PoolFileFacts.afterSealsRead = shrinkAndSeal(file);
            c.send(pool, "resize", SIZE);
            ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
            ClientObject surface = s.createSurface();
            s.show(surface, buffer, W, H);
            c.roundtrip();

            assertThat(c.error()).isNull();
            assertThat(server.snapshotPixels(surface.id())).isEqualTo(new byte[SIZE]);
            assertThat(server.meter("shmward.shm.mapped")).isZero();
        }
    }

    /**
     * The race for real, without the seam: round after round a fresh pool on an unsealed file, shrunk and
     * sealed by the client while the server probes it, then shown. Each round is served (zeros or the file's
     * bytes) or ends in invalid_fd on its buffer; the server never faults and a bystander is served.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zero-fill", "error"})
    void thousandsOfRealRacesNeverFault(String reaction) throws Exception {
        int rounds = Integer.getInteger("shmward.sealrace.rounds", 2000);
        SplittableRandom random = new SplittableRandom(reaction.hashCode());
        int errors = 0;
        try (TestServer server = TestServer.start("shm:\n  truncation: " + reaction + "\n");
             WaylandClient bystander = server.connect()) {
            WaylandClient c = server.connect();
            ShmScene s = ShmScene.on(c);
            try {
                for (int round = 0; round < rounds; round++) {
                    try (MemFile file = patterned()) {
                        ClientObject pool = s.createPool(file.fd(), SIZE);
                        // the request is on its way; the server probes it while we shrink and seal
                        LockSupport.parkNanos(random.nextLong(60_000));
                        file.truncate(0);
                        Libc.addSeals(file.fd(), Libc.F_SEAL_SHRINK);
                        ClientObject buffer = s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888);
                        ClientObject surface = s.createSurface();
                        s.show(surface, buffer, W, H);
                        c.roundtrip();
                        c.send(buffer, "destroy");
                        c.send(pool, "destroy");
                        c.send(surface, "destroy");
                    } catch (ConnectionClosedException e) {
                        assertThat(e.error()).as("round %d closed without an error", round).isNotNull();
                        assertThat(e.error().code()).as("round %d", round).isEqualTo(INVALID_FD);
                        errors++;
                        c.close();
                        c = server.connect();
                        s = ShmScene.on(c);
                    }
                }
            } finally {
                c.close();
            }
            bystander.roundtrip();
            assertThat(server.meter("shmward.internal.errors", "kind", "error")).isZero();
            assertThat(server.meter("shmward.internal.errors", "kind", "exception")).isZero();
            assertThat(server.meter("shmward.shm.mapped")).as("no pool of an empty file was mapped").isZero();
        }
        if (reaction.equals("error")) {
            assertThat(errors).as("rounds that read the empty file").isPositive();
        }
    }

    private static MemFile patterned() throws OsException {
        MemFile file = MemFile.memfd("seal-race", SIZE);
        file.write(0, pattern(SIZE));
        return file;
    }

    private static Runnable shrinkAndSeal(MemFile file) {
        return () -> {
            try {
                file.truncate(0);
                Libc.addSeals(file.fd(), Libc.F_SEAL_SHRINK);
            } catch (OsException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }
}
