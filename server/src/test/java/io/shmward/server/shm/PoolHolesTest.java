package io.shmward.server.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmward.client.ClientObject;
import io.shmward.client.MemFile;
import io.shmward.client.ShmScene;
import io.shmward.client.WaylandClient;
import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.server.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Holes in a mapped pool (pages the client never wrote) are read as zeros without the server making the
 * kernel allocate them: a large range with holes is read by pread. Checked on the client's real memfd, whose
 * allocated pages lseek(SEEK_DATA/SEEK_HOLE) reports.
 */
class PoolHolesTest {
    /** 64 MiB: ranges from that size up are checked for holes (PoolMemory.HOLE_CHECK_BYTES). */
    private static final int W = 4096;
    private static final int H = 4096;
    private static final int SIZE = W * H * 4;
    private static final int PIXEL = 0xff204060;

    @Test
    void aNeverWrittenSealedBufferIsServedAsZerosAndStaysUnallocated() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect();
             MemFile file = MemFile.sealedMemfd("holes", SIZE)) {
            int[] pixels = show(server, c, file);
            assertThat(firstMismatch(pixels, i -> 0)).as("first pixel that is not zero").isEqualTo(-1);
            assertThatThrownBy(() -> Libc.lseek(file.fd(), 0, Libc.SEEK_DATA))
                    .as("no page of the file was allocated by the read").isInstanceOf(OsException.class)
                    .matches(e -> ((OsException) e).errno() == Errno.ENXIO);
        }
    }

    @Test
    void aHalfWrittenSealedBufferShowsItsDataThenZeros() throws Exception {
        try (TestServer server = TestServer.start(); WaylandClient c = server.connect();
             MemFile file = MemFile.sealedMemfd("half-holes", SIZE)) {
            file.fillPixels(0, SIZE / 2, PIXEL);
            int[] pixels = show(server, c, file);
            assertThat(firstMismatch(pixels, i -> i < pixels.length / 2 ? PIXEL : 0))
                    .as("first pixel that is neither the written data nor zero past it").isEqualTo(-1);
            assertThat(Libc.lseek(file.fd(), 0, Libc.SEEK_HOLE)).as("the unwritten half is still a hole")
                    .isEqualTo(SIZE / 2);
        }
    }

    /** The index of the first pixel that differs from {@code expected}, or -1. */
    private static int firstMismatch(int[] pixels, IntUnaryOperator expected) {
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != expected.applyAsInt(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Shows a W x H argb buffer over all of {@code file} (a full-width commit); returns the snapshot's pixels. */
    private static int[] show(TestServer server, WaylandClient c, MemFile file) throws IOException {
        ShmScene s = ShmScene.on(c);
        ClientObject pool = s.createPool(file.fd(), SIZE);
        ClientObject buffer = s.createBuffer(pool, 0, W, H, W * 4, ShmScene.ARGB8888);
        ClientObject surface = s.createSurface();
        s.show(surface, buffer, W, H);
        c.roundtrip();
        assertThat(buffer.events("release")).as("served").hasSize(1);
        byte[] bytes = server.server().onLoop(() -> server.server().compositor().surfaces().getLast().snapshot().copyPixels());
        int[] pixels = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).asIntBuffer().get(pixels);
        return pixels;
    }
}
