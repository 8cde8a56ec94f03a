package io.shmward.server.shm;

import io.shmward.os.Libc;
import io.shmward.server.core.SharedBudget;
import io.shmward.os.OsException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consuming a 1920x1080 ARGB8888 buffer (8 MiB) through the same code the server runs at commit
 * ({@link BufferGeometry#copyRect}): from a shrink-sealed memfd (mapped path), from an unsealed memfd
 * (pread path), against a plain copy between two native segments of the same size; whole buffer and a
 * 64x64 damage region.
 *
 * <p>Run: {@code ./mvnw -Pjmh -pl server -am verify -DskipTests -Djmh.args="ConsumeBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConsumeBenchmark {
    private static final int W = 1920;
    private static final int H = 1080;
    private static final int STRIDE = W * 4;
    private static final long SIZE = (long) STRIDE * H;

    /** sealed: mapped path; unsealed: pread path; memcpy: the baseline, one native segment to another. */
    @Param({"sealed", "unsealed", "memcpy"})
    public String source;

    /** full: the whole buffer; damage64: a 64x64 region in the middle. */
    @Param({"full", "damage64"})
    public String region;

    private Arena arena;
    private int fd = -1;
    private PoolMemory memory;
    private MemorySegment plainSource;
    private MemorySegment dst;
    private final BufferGeometry geometry = new BufferGeometry(0, W, H, STRIDE, new ShmFormat("argb8888", 0, 4));
    private int x;
    private int y;
    private int w;
    private int h;

    @Setup(Level.Trial)
    public void setUp() throws OsException {
        arena = Arena.ofShared();
        dst = arena.allocate(SIZE, 64);
        boolean full = region.equals("full");
        x = full ? 0 : 928;
        y = full ? 0 : 508;
        w = full ? W : 64;
        h = full ? H : 64;
        if (source.equals("memcpy")) {
            plainSource = arena.allocate(SIZE, 64);
            plainSource.fill((byte) 0x5a);
            return;
        }
        fd = Libc.memfdCreate("consume-bench", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        Libc.ftruncate(fd, SIZE);
        MemorySegment fill = arena.allocate(SIZE);
        fill.fill((byte) 0x5a);
        Libc.pwrite(fd, fill, SIZE, 0);
        if (source.equals("sealed")) {
            Libc.addSeals(fd, Libc.F_SEAL_SHRINK);
        }
        memory = PoolMemory.open(Libc.dup(fd), SIZE, PoolFileFacts.probeShmem(fd), new SharedBudget("mapped byte", SIZE),
                ShmEvents.NONE, Libc::closeQuietly,
                size -> { });
        if (memory.isMapped() != source.equals("sealed")) {
            throw new IllegalStateException("expected the " + source + " pool on the " + (source.equals("sealed") ? "mapped" : "pread") + " path");
        }
    }

    @Benchmark
    public long consume() {
        if (plainSource != null) {
            long first = (long) y * STRIDE + (long) x * 4;
            if (w == W) {
                long span = (long) (h - 1) * STRIDE + (long) w * 4;
                MemorySegment.copy(plainSource, first, dst, first, span);
                return span;
            }
            for (int row = 0; row < h; row++) {
                long at = first + (long) row * STRIDE;
                MemorySegment.copy(plainSource, at, dst, at, (long) w * 4);
            }
            return (long) w * h * 4;
        }
        return geometry.copyRect(memory, dst, x, y, w, h).requested();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (memory != null) {
            memory.release();
        }
        if (fd >= 0) {
            Libc.closeQuietly(fd);
        }
        arena.close();
    }
}
