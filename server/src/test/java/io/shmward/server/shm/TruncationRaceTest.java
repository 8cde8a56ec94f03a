package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.client.ClientObject;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.MemFile;
import io.shmward.client.ServerError;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Errno;
import io.shmward.os.OsException;
import io.shmward.protocol.spec.Protocol;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client truncates and regrows the file under an 8 MiB buffer the server keeps consuming: the server
 * reads it with pread, so the race can cost a frame its pixels but never the JVM.
 */
class TruncationRaceTest {
    private static final int W = 1920;
    private static final int H = 1080;
    private static final int STRIDE = W * 4;
    private static final int SIZE = STRIDE * H;
    /** A pixel pattern with no zero byte, so "file data or zero" is decidable byte by byte. */
    private static final byte[] PATTERN = pattern();
    private static final MemorySegment PATTERN_SEGMENT = Arena.global().allocateFrom(ValueLayout.JAVA_BYTE, PATTERN);
    private static final MemorySegment ZEROS = Arena.global().allocate(SIZE);
    private static final int ITERATIONS = Integer.getInteger("shmward.race.iterations", 10_000);

    @Test
    void zeroFillUnderARacingTruncatorServesFileDataOrZerosAndCountsEachTruncationAtMostOnce() throws Exception {
        try (TestServer server = TestServer.start("shm:\n  truncation: zero-fill\n");
             WaylandClient c = server.connect();
             MemFile file = MemFile.memfd("race", SIZE)) {
            Frame f = frameOver(c, file);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong truncations = new AtomicLong();
            Thread truncator = Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(42);
                try {
                    while (!stop.get()) {
                        long size = random.nextLong(SIZE);
                        file.truncate(size);
                        truncations.incrementAndGet();
                        file.truncate(SIZE);
                        file.write(size, java.util.Arrays.copyOfRange(PATTERN, (int) size, SIZE));
                        // leave the consumer a share of two cores; the race needs overlap, not a flood
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                } catch (OsException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                for (int i = 0; i < ITERATIONS; i++) {
                    f.show();
                    c.roundtrip();
                    long bad = server.inspectSnapshot(f.surface().id(), TruncationRaceTest::firstByteNeitherFileNorZero);
                    assertThat(bad).as("iteration %d: first byte neither file data nor zero", i).isEqualTo(-1);
                }
            } finally {
                stop.set(true);
                truncator.join();
            }
            assertThat(c.error()).isNull();
            double counted = server.meter("shmward.shm.truncations", "reaction", "zero-fill", "detection", "short-read");
            assertThat(counted).as("truncation events counted (truncations performed: %d)", truncations.get())
                    .isPositive().isLessThanOrEqualTo(truncations.get());
        }
    }

    @Test
    void underErrorEachRoundEndsNormallyOrWithInvalidFdOnItsBuffer() throws Exception {
        int invalidFd = Protocol.standard().get("wl_shm").errorCode("invalid_fd");
        int errors = 0;
        try (TestServer server = TestServer.start("shm:\n  truncation: error\n");
             WaylandClient bystander = server.connect()) {
            for (int round = 0; round < 150; round++) {
                try (WaylandClient c = server.connect(); MemFile file = MemFile.memfd("race-error", SIZE)) {
                    Frame f = frameOver(c, file);
                    long cut = new SplittableRandom(round).nextLong(SIZE);
                    Thread truncator = Thread.ofPlatform().start(() -> {
                        try {
                            file.truncate(cut);
                        } catch (OsException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    try {
                        for (int frame = 0; frame < 3; frame++) {
                            f.show();
                        }
                        c.roundtrip();
                        assertThat(c.error()).isNull();
                    } catch (ConnectionClosedException e) {
                        ServerError error = e.error();
                        assertThat(error).as("round %d closed without an error", round).isNotNull();
                        assertThat(error.objectId()).isEqualTo(f.buffer().id());
                        assertThat(error.code()).isEqualTo(invalidFd);
                        errors++;
                    } finally {
                        truncator.join();
                    }
                }
            }
            bystander.roundtrip();
        }
        assertThat(errors).as("rounds that met the truncation").isPositive();
    }

    @Test
    void aSealedMemfdCannotBeShrunkAndTheMappedPathNeverFaults() throws Exception {
        try (TestServer server = TestServer.start();
             WaylandClient c = server.connect();
             MemFile file = MemFile.sealedMemfd("race-sealed", SIZE)) {
            Frame f = frameOver(c, file);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong refused = new AtomicLong();
            Thread truncator = Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(7);
                while (!stop.get()) {
                    try {
                        file.truncate(random.nextLong(SIZE));
                    } catch (OsException e) {
                        if (e.errno() != Errno.EPERM) {
                            throw new IllegalStateException(e);
                        }
                        refused.incrementAndGet();
                    }
                }
            });
            try {
                for (int i = 0; i < ITERATIONS / 5; i++) {
                    f.show();
                    c.roundtrip();
                }
                assertThat(server.snapshotPixels(f.surface().id())).isEqualTo(PATTERN);
            } finally {
                stop.set(true);
                truncator.join();
            }
            assertThat(refused.get()).isPositive();
            assertThat(server.meter("shmward.shm.mapped")).isEqualTo(SIZE);
            assertThat(server.meter("shmward.shm.truncations", "reaction", "error", "detection", "short-read")).isZero();
        }
    }

    /** A full-screen buffer over {@code file}, filled with the pattern, and a surface to show it on. */
    private record Frame(ShmScene scene, ClientObject buffer, ClientObject surface) {
        void show() throws IOException {
            scene.show(surface, buffer, W, H);
        }
    }

    private static Frame frameOver(WaylandClient c, MemFile file) throws IOException {
        file.write(0, PATTERN);
        ShmScene s = ShmScene.on(c);
        ClientObject pool = s.createPool(file.fd(), SIZE);
        return new Frame(s, s.createBuffer(pool, 0, W, H, STRIDE, ShmScene.ARGB8888), s.createSurface());
    }

    /**
     * The offset of the first byte that is neither the file's (the pattern) nor zero, or -1: the image is
     * whole file data, or file data and zeros. Runs on the event loop over the live snapshot, vectorised
     * by {@link MemorySegment#mismatch}.
     */
    private static long firstByteNeitherFileNorZero(MemorySegment image) {
        long pos = 0;
        long size = image.byteSize();
        while (pos < size) {
            // mismatch answers relative to the range's start
            long fileRun = MemorySegment.mismatch(image, pos, size, PATTERN_SEGMENT, pos, size);
            if (fileRun < 0) {
                return -1;
            }
            pos += fileRun;
            long zeroRun = MemorySegment.mismatch(image, pos, size, ZEROS, pos, size);
            if (zeroRun < 0) {
                return -1;
            }
            if (zeroRun == 0) {
                return pos;
            }
            pos += zeroRun;
        }
        return -1;
    }

    private static byte[] pattern() {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            b[i] = (byte) (1 + (i * 31 + i / 4093) % 255);
        }
        return b;
    }
}
