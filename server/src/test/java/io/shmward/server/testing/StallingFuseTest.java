package io.shmward.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.os.FileStat;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.server.testing.StallingFuse.Opcode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StallingFuse} with real syscalls: its file works until a reply is withheld, then the syscall that
 * needs that reply blocks until {@link StallingFuse#abort()} or {@link StallingFuse#release()}. Every blocking
 * call runs on its own thread with bounded joins, and @AfterEach aborts, so no test can hang.
 */
class StallingFuseTest {
    private static final long SIZE = 1 << 20;
    private static final int PAGE = 4096;
    /** How long a withheld call must stay blocked to count as blocked. */
    private static final Duration STILL_BLOCKED = Duration.ofMillis(300);
    /** Ample time for anything that should happen at once. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final int ECONNABORTED = 103;
    private static final int ENOTCONN = 107;

    @TempDir
    Path tmp;
    private StallingFuse fuse;
    private final List<Integer> fds = new ArrayList<>();

    @BeforeEach
    void mount() throws IOException {
        StallingFuse.assumeAvailable();
        fuse = StallingFuse.mount(tmp.resolve("mnt"), SIZE);
    }

    @AfterEach
    void unmount() throws Exception {
        if (fuse == null) {
            return;
        }
        fuse.close(); // aborts first, so closing the fds below cannot block
        fds.forEach(Libc::closeQuietly);
        assertThat(mounted(fuse.mountPoint())).as("mounted after close").isFalse();
        assertThat(fuse.failure()).isNull();
    }

    @Test
    void servesItsFileUntilTold() throws Exception {
        int fd = open(Libc.O_RDWR);
        FileStat stat = Libc.fstat(fd);
        assertThat(stat.isRegularFile()).isTrue();
        assertThat(stat.mode() & 0777).isEqualTo(0644);
        assertThat(stat.size()).isEqualTo(SIZE);
        assertThat(Libc.fstatfsType(fd)).isEqualTo(StallingFuse.FUSE_SUPER_MAGIC);
        assertThat(pread(fd, 2 * PAGE + 5, 100)).isEqualTo(expected(2 * PAGE + 5, 100));
        assertThat(pread(fd, SIZE - 10, 100)).as("a read across the end is short").isEqualTo(expected(SIZE - 10, 10));
        assertThat(fuse.received(Opcode.INIT)).isEqualTo(1);
        assertThat(fuse.received(Opcode.LOOKUP)).isPositive();
        assertThat(fuse.received(Opcode.OPEN)).isEqualTo(1);
        assertThat(fuse.received(Opcode.READ)).isPositive();
        assertThat(fuse.received(Opcode.STATFS)).isEqualTo(1);
        assertThat(Files.exists(fuse.mountPoint().resolve("missing"))).isFalse();
    }

    @Test
    void theConnectionNumberIsTheMinorOfTheMountsDevice() throws Exception {
        long dev = (long) Files.getAttribute(fuse.mountPoint(), "unix:dev");
        long minor = ((dev >>> 12) & 0xffffff00L) | (dev & 0xff); // glibc's minor()
        long major = ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfff);
        assertThat(major).as("FUSE mounts use anonymous devices").isZero();
        assertThat(fuse.connection()).isEqualTo(minor);
        assertThat(Path.of("/sys/fs/fuse/connections", Long.toString(minor), "abort")).exists();
    }

    @Test
    void everyFstatAsksTheDaemonBecauseNothingIsCached() throws Exception {
        int fd = open(Libc.O_RDONLY);
        int before = fuse.received(Opcode.GETATTR);
        Libc.fstat(fd);
        Libc.fstat(fd);
        Libc.fstat(fd);
        assertThat(fuse.received(Opcode.GETATTR)).isEqualTo(before + 3);
    }

    @Test
    void closeOfADupBlocksOnAWithheldFlushUntilAbort() throws Exception {
        int fd = open(Libc.O_RDWR);
        int dup = Libc.dup(fd);
        fuse.withhold(EnumSet.of(Opcode.FLUSH));
        Call<Void> close = Call.start("close", () -> {
            Libc.close(dup);
            return null;
        });
        assertThat(fuse.awaitReceived(Opcode.FLUSH, 1, PROMPTLY)).isTrue();
        assertThat(close.finishedWithin(STILL_BLOCKED)).as("close returned").isFalse();
        assertThat(fuse.withheld()).containsExactly(Opcode.FLUSH);
        assertThat(fuse.received(Opcode.RELEASE)).as("closing a dup is not the last close").isZero();

        fuse.abort();
        assertThat(close.finishedWithin(PROMPTLY)).as("close returned after abort").isTrue();
        // The fd is gone either way; the kernel reports the aborted FLUSH.
        assertThat(close.errno()).isIn(0, ECONNABORTED, ENOTCONN);
    }

    @Test
    void fstatBlocksOnAWithheldGetattrUntilAbort() throws Exception {
        int fd = open(Libc.O_RDWR);
        fuse.withhold(EnumSet.of(Opcode.GETATTR));
        int before = fuse.received(Opcode.GETATTR);
        Call<FileStat> fstat = Call.start("fstat", () -> Libc.fstat(fd));
        assertThat(fuse.awaitReceived(Opcode.GETATTR, before + 1, PROMPTLY)).isTrue();
        assertThat(fstat.finishedWithin(STILL_BLOCKED)).as("fstat returned").isFalse();

        fuse.abort();
        assertThat(fstat.finishedWithin(PROMPTLY)).as("fstat returned after abort").isTrue();
        assertThat(fstat.errno()).isIn(ECONNABORTED, ENOTCONN);
        assertThat(errno(() -> Libc.fstat(fd))).as("after abort").isEqualTo(ENOTCONN);
    }

    @Test
    void preadBlocksOnAWithheldReadUntilAbort() throws Exception {
        int fd = open(Libc.O_RDONLY);
        assertThat(pread(fd, 0, PAGE)).isEqualTo(expected(0, PAGE));
        fuse.withhold(EnumSet.of(Opcode.READ));
        int before = fuse.received(Opcode.READ);
        // A page never read, so not in the page cache (readahead is off).
        Call<byte[]> pread = Call.start("pread", () -> pread(fd, SIZE - PAGE, PAGE));
        assertThat(fuse.awaitReceived(Opcode.READ, before + 1, PROMPTLY)).isTrue();
        assertThat(pread.finishedWithin(STILL_BLOCKED)).as("pread returned").isFalse();

        fuse.abort();
        assertThat(pread.finishedWithin(PROMPTLY)).as("pread returned after abort").isTrue();
        assertThat(pread.errno()).isIn(ECONNABORTED, ENOTCONN);
    }

    @Test
    void fstatfsBlocksOnAWithheldStatfsUntilAbort() throws Exception {
        int fd = open(Libc.O_RDONLY);
        fuse.withhold(EnumSet.of(Opcode.STATFS));
        Call<Long> fstatfs = Call.start("fstatfs", () -> Libc.fstatfsType(fd));
        assertThat(fuse.awaitReceived(Opcode.STATFS, 1, PROMPTLY)).isTrue();
        assertThat(fstatfs.finishedWithin(STILL_BLOCKED)).as("fstatfs returned").isFalse();

        fuse.abort();
        assertThat(fstatfs.finishedWithin(PROMPTLY)).as("fstatfs returned after abort").isTrue();
        assertThat(fstatfs.errno()).isIn(ECONNABORTED, ENOTCONN);
    }

    @Test
    void releaseAnswersWhatWasWithheld() throws Exception {
        int fd = open(Libc.O_RDONLY);
        fuse.withhold(EnumSet.of(Opcode.GETATTR, Opcode.READ));
        int getattrs = fuse.received(Opcode.GETATTR);
        Call<FileStat> fstat = Call.start("fstat", () -> Libc.fstat(fd));
        Call<byte[]> pread = Call.start("pread", () -> pread(fd, 7 * PAGE, PAGE));
        assertThat(fuse.awaitReceived(Opcode.GETATTR, getattrs + 1, PROMPTLY)).isTrue();
        assertThat(fuse.awaitReceived(Opcode.READ, 1, PROMPTLY)).isTrue();
        assertThat(fstat.finishedWithin(STILL_BLOCKED)).isFalse();
        assertThat(pread.finishedWithin(Duration.ZERO)).isFalse();
        assertThat(fuse.withheld()).containsExactlyInAnyOrder(Opcode.GETATTR, Opcode.READ);

        fuse.release();
        assertThat(fstat.finishedWithin(PROMPTLY)).isTrue();
        assertThat(pread.finishedWithin(PROMPTLY)).isTrue();
        assertThat(fstat.result().size()).isEqualTo(SIZE);
        assertThat(pread.result()).isEqualTo(expected(7 * PAGE, PAGE));
        assertThat(fuse.withheld()).isEmpty();
        assertThat(Libc.fstat(fd).size()).as("no longer withheld").isEqualTo(SIZE);
    }

    @Test
    void theLastCloseSendsReleaseWithoutWaitingForTheReply() throws Exception {
        int fd = Libc.open(fuse.file().toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        fuse.withhold(EnumSet.of(Opcode.RELEASE));
        Call<Void> close = Call.start("close", () -> {
            Libc.close(fd);
            return null;
        });
        assertThat(close.finishedWithin(PROMPTLY)).as("close returned").isTrue();
        assertThat(close.errno()).isZero();
        assertThat(fuse.awaitReceived(Opcode.RELEASE, 1, PROMPTLY)).isTrue();
        assertThat(fuse.received(Opcode.FLUSH)).isEqualTo(1);
        assertThat(fuse.withheld()).containsExactly(Opcode.RELEASE);
    }

    @Test
    void closeUnmountsAndIsIdempotent() throws Exception {
        Path connection = Path.of("/sys/fs/fuse/connections", Long.toString(fuse.connection()));
        assertThat(mounted(fuse.mountPoint())).isTrue();
        fuse.close();
        fuse.close();
        assertThat(mounted(fuse.mountPoint())).isFalse();
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (Files.exists(connection) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(connection).doesNotExist();
    }

    private int open(int flags) throws OsException {
        int fd = Libc.open(fuse.file().toString(), flags | Libc.O_CLOEXEC, 0);
        fds.add(fd);
        return fd;
    }

    private static byte[] pread(int fd, long offset, int count) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(count);
            long n = Libc.pread(fd, buf, count, offset);
            return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static byte[] expected(long offset, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = StallingFuse.contentAt(offset + i);
        }
        return b;
    }

    private static boolean mounted(Path mountPoint) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].equals(mountPoint.toString()));
    }

    private static int errno(Callable<?> call) throws Exception {
        try {
            call.call();
            return 0;
        } catch (OsException e) {
            return e.errno();
        }
    }

    /** A syscall on its own daemon thread, so the test can watch it block without blocking itself. */
    private static final class Call<T> {
        private final Thread thread;
        private volatile T result;
        private volatile Exception error;

        private Call(String name, Callable<T> body) {
            thread = Thread.ofPlatform().daemon().name("blocked " + name).unstarted(() -> {
                try {
                    result = body.call();
                } catch (Exception e) {
                    error = e;
                }
            });
        }

        static <T> Call<T> start(String name, Callable<T> body) {
            Call<T> call = new Call<>(name, body);
            call.thread.start();
            return call;
        }

        boolean finishedWithin(Duration timeout) throws InterruptedException {
            if (!timeout.isZero()) {
                thread.join(timeout);
            }
            return !thread.isAlive();
        }

        T result() throws Exception {
            if (error != null) {
                throw error;
            }
            return result;
        }

        /** 0 when the call succeeded, else the errno it failed with. */
        int errno() throws Exception {
            if (error instanceof OsException e) {
                return e.errno();
            }
            if (error != null) {
                throw error;
            }
            return 0;
        }
    }
}
