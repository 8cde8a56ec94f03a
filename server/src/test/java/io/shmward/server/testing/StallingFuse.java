package io.shmward.server.testing;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * A FUSE file system served from this JVM whose replies a test can withhold, so that a syscall on one of its
 * files blocks for as long as the test likes: {@code close} (FLUSH), {@code fstat} (GETATTR), {@code fstatfs}
 * (STATFS), {@code pread} (READ). It speaks the kernel protocol ({@code include/uapi/linux/fuse.h}) over
 * /dev/fuse itself, with FFM downcalls and no libfuse.
 *
 * <p>The file system holds one regular file, {@value #FILE_NAME}, mode 0644, whose byte at offset {@code i}
 * is {@link #contentAt(long)}. Every cache timeout is 0, so each {@code fstat} really asks this daemon; and
 * readahead is off, so each {@code pread} of a page not yet in the page cache does.
 *
 * <p>A withheld request leaves its caller in an uninterruptible (killable) kernel wait: only a reply
 * ({@link #release()}) or tearing the connection down ({@link #abort()}, {@link #close()}) ends it.
 * Mounting needs root (CAP_SYS_ADMIN) and /dev/fuse: see {@link #assumeAvailable()}.
 */
@SuppressWarnings("restricted") // downcalls into libc are this class's job, as Libc's
public final class StallingFuse implements AutoCloseable {
    public static final String FILE_NAME = "pool";
    /** {@code f_type} that {@code fstatfs} reports for every FUSE file system. */
    public static final long FUSE_SUPER_MAGIC = 0x65735546L;

    /** Request opcodes (enum fuse_opcode); those not listed count as {@link #OTHER} and are answered ENOSYS. */
    public enum Opcode {
        LOOKUP(1), FORGET(2), GETATTR(3), SETATTR(4), OPEN(14), READ(15), WRITE(16), STATFS(17), RELEASE(18),
        FSYNC(20), GETXATTR(22), LISTXATTR(23), FLUSH(25), INIT(26), OPENDIR(27), READDIR(28), RELEASEDIR(29),
        ACCESS(34), CREATE(35), INTERRUPT(36), DESTROY(38), BATCH_FORGET(42), LSEEK(46), OTHER(-1);

        private final int code;

        Opcode(int code) {
            this.code = code;
        }

        static Opcode of(int code) {
            for (Opcode op : values()) {
                if (op.code == code) {
                    return op;
                }
            }
            return OTHER;
        }

        /** FORGET, BATCH_FORGET and INTERRUPT get no reply, so there is nothing to withhold. */
        boolean expectsReply() {
            return this != FORGET && this != BATCH_FORGET && this != INTERRUPT;
        }
    }

    // The protocol we speak: 7.38 as in the uapi header; the kernel uses the lower of its minor and ours.
    private static final int FUSE_KERNEL_VERSION = 7;
    private static final int FUSE_KERNEL_MINOR_VERSION = 38;
    private static final long ROOT_ID = 1; // FUSE_ROOT_ID
    private static final long FILE_ID = 2;
    /** Largest WRITE payload we accept; the kernel refuses reads of /dev/fuse into a buffer too small for one. */
    private static final int MAX_WRITE = 64 * 1024;
    private static final int READ_BUFFER_SIZE = MAX_WRITE + 4096;
    private static final int BLOCK_SIZE = 4096;

    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENODEV = 19;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;
    private static final int EPROTO = 71;

    private static final int O_NONBLOCK = 04000;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final int MNT_DETACH = 2;
    private static final short POLLIN = 1;
    /** How often the daemon looks up from /dev/fuse to see whether it was told to stop. */
    private static final int POLL_MILLIS = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Path DEV_FUSE = Path.of("/dev/fuse");
    private static final Path CONNECTIONS = Path.of("/sys/fs/fuse/connections");

    // struct fuse_in_header: leads every request read from /dev/fuse.
    private static final StructLayout IN_HEADER = MemoryLayout.structLayout(
            JAVA_INT.withName("len"), JAVA_INT.withName("opcode"), JAVA_LONG.withName("unique"),
            JAVA_LONG.withName("nodeid"), JAVA_INT.withName("uid"), JAVA_INT.withName("gid"),
            JAVA_INT.withName("pid"), JAVA_SHORT.withName("total_extlen"), JAVA_SHORT.withName("padding"));
    // struct fuse_out_header: leads every reply; error is a negative errno or 0.
    private static final StructLayout OUT_HEADER = MemoryLayout.structLayout(
            JAVA_INT.withName("len"), JAVA_INT.withName("error"), JAVA_LONG.withName("unique"));
    private static final StructLayout ATTR = MemoryLayout.structLayout(
            JAVA_LONG.withName("ino"), JAVA_LONG.withName("size"), JAVA_LONG.withName("blocks"),
            JAVA_LONG.withName("atime"), JAVA_LONG.withName("mtime"), JAVA_LONG.withName("ctime"),
            JAVA_INT.withName("atimensec"), JAVA_INT.withName("mtimensec"), JAVA_INT.withName("ctimensec"),
            JAVA_INT.withName("mode"), JAVA_INT.withName("nlink"), JAVA_INT.withName("uid"),
            JAVA_INT.withName("gid"), JAVA_INT.withName("rdev"), JAVA_INT.withName("blksize"),
            JAVA_INT.withName("flags"));
    // LOOKUP's reply. entry_valid/attr_valid (seconds) + *_nsec are how long the kernel may cache the name and
    // the attributes; we always send 0.
    private static final StructLayout ENTRY_OUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("nodeid"), JAVA_LONG.withName("generation"), JAVA_LONG.withName("entry_valid"),
            JAVA_LONG.withName("attr_valid"), JAVA_INT.withName("entry_valid_nsec"),
            JAVA_INT.withName("attr_valid_nsec"), ATTR.withName("attr"));
    private static final StructLayout ATTR_OUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("attr_valid"), JAVA_INT.withName("attr_valid_nsec"), JAVA_INT.withName("dummy"),
            ATTR.withName("attr"));
    private static final StructLayout OPEN_OUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("fh"), JAVA_INT.withName("open_flags"), JAVA_INT.withName("padding"));
    // The start of struct fuse_init_in (the kernel sends 64 bytes since 7.36; we need only these).
    private static final StructLayout INIT_IN = MemoryLayout.structLayout(
            JAVA_INT.withName("major"), JAVA_INT.withName("minor"), JAVA_INT.withName("max_readahead"),
            JAVA_INT.withName("flags"));
    private static final StructLayout INIT_OUT = MemoryLayout.structLayout(
            JAVA_INT.withName("major"), JAVA_INT.withName("minor"), JAVA_INT.withName("max_readahead"),
            JAVA_INT.withName("flags"), JAVA_SHORT.withName("max_background"),
            JAVA_SHORT.withName("congestion_threshold"), JAVA_INT.withName("max_write"),
            JAVA_INT.withName("time_gran"), JAVA_SHORT.withName("max_pages"), JAVA_SHORT.withName("map_alignment"),
            JAVA_INT.withName("flags2"), MemoryLayout.sequenceLayout(7, JAVA_INT).withName("unused"));
    private static final StructLayout READ_IN = MemoryLayout.structLayout(
            JAVA_LONG.withName("fh"), JAVA_LONG.withName("offset"), JAVA_INT.withName("size"),
            JAVA_INT.withName("read_flags"), JAVA_LONG.withName("lock_owner"), JAVA_INT.withName("flags"),
            JAVA_INT.withName("padding"));
    // struct fuse_statfs_out = struct fuse_kstatfs
    private static final StructLayout STATFS_OUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("blocks"), JAVA_LONG.withName("bfree"), JAVA_LONG.withName("bavail"),
            JAVA_LONG.withName("files"), JAVA_LONG.withName("ffree"), JAVA_INT.withName("bsize"),
            JAVA_INT.withName("namelen"), JAVA_INT.withName("frsize"), JAVA_INT.withName("padding"),
            MemoryLayout.sequenceLayout(6, JAVA_INT).withName("spare"));
    // struct pollfd, for poll(2)
    private static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    static {
        // The sizes fuse.h gives these structs; a mistake in a layout above would fail here, not in the kernel.
        requireSize(IN_HEADER, 40);
        requireSize(OUT_HEADER, 16);
        requireSize(ATTR, 88);
        requireSize(ENTRY_OUT, 128);
        requireSize(ATTR_OUT, 104);
        requireSize(OPEN_OUT, 16);
        requireSize(INIT_OUT, 64);
        requireSize(READ_IN, 40);
        requireSize(STATFS_OUT, 80);
    }

    // Downcalls Libc lacks. Each captures errno in the call itself, as Libc's do.
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(groupElement("errno"));
    private static final MethodHandle MOUNT = downcall("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = downcall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final Path dir;
    private final long fileSize;
    private final int uid;
    private final int gid;
    /** Seconds since the epoch at mount: the file's times, fixed so the kernel never sees the file change. */
    private final long mountTime = System.currentTimeMillis() / 1000;
    /** The fusectl connection number: the mount's kernel dev_t, i.e. minor(st_dev) for these anonymous devices. */
    private final long connection;
    /** Guards replies against the daemon closing the device: a reply never goes to a reused fd number. */
    private final Object device = new Object();
    private int devFd;
    private final Thread daemon;
    private volatile boolean stopping;
    private volatile Throwable failure;

    // Guarded by this.
    private final Map<Opcode, Integer> received = new EnumMap<>(Opcode.class);
    private final Set<Opcode> withholding = EnumSet.noneOf(Opcode.class);
    private final List<Request> withheld = new ArrayList<>();
    private boolean aborted;
    private boolean closed;

    /** One request off /dev/fuse; {@code body} (after the header) is a copy any thread may read. */
    private record Request(Opcode opcode, long unique, long nodeid, MemorySegment body) {
    }

    private StallingFuse(Path dir, long fileSize, int devFd, long connection, int uid, int gid) {
        this.dir = dir;
        this.fileSize = fileSize;
        this.devFd = devFd;
        this.connection = connection;
        this.uid = uid;
        this.gid = gid;
        this.daemon = Thread.ofPlatform().daemon().name("stalling-fuse " + dir).unstarted(this::serve);
    }

    /**
     * Mounts the file system on {@code dir} (created if missing) with {@value #FILE_NAME} {@code fileSize} bytes
     * long, and starts the daemon thread that answers it.
     */
    public static StallingFuse mount(Path dir, long fileSize) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.toRealPath();
        mountFusectl();
        int uid = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (int) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        // Close-on-exec: a child holding the device open would keep the connection alive after we close ours.
        int fd = Libc.open(DEV_FUSE.toString(), Libc.O_RDWR | Libc.O_CLOEXEC | O_NONBLOCK, 0);
        try {
            mountFuse(target, fd, uid, gid);
        } catch (IOException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
        StallingFuse fuse;
        try {
            fuse = new StallingFuse(target, fileSize, fd, connectionOf(target), uid, gid);
        } catch (IOException | RuntimeException e) {
            umount(target);
            Libc.closeQuietly(fd);
            throw e;
        }
        fuse.daemon.start();
        return fuse;
    }

    /** The byte {@value #FILE_NAME} holds at {@code offset}: a period of 251 so a misplaced page shows. */
    public static byte contentAt(long offset) {
        return (byte) (offset % 251);
    }

    public Path mountPoint() {
        return dir;
    }

    /** The one file, {@code mountPoint()/pool}. */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    public long fileSize() {
        return fileSize;
    }

    /** The connection's number under /sys/fs/fuse/connections. */
    public long connection() {
        return connection;
    }

    /**
     * From now on, requests with these opcodes are read but not answered until {@link #release()}; their
     * callers stay blocked in the kernel. Adds to what is already withheld.
     */
    public synchronized void withhold(Set<Opcode> opcodes) {
        withholding.addAll(opcodes);
    }

    /** The opcodes of the requests waiting for an answer, oldest first. */
    public synchronized List<Opcode> withheld() {
        return withheld.stream().map(Request::opcode).toList();
    }

    /** Stops withholding and answers every withheld request as it would have been answered at once. */
    public void release() {
        List<Request> pending;
        synchronized (this) {
            withholding.clear();
            pending = List.copyOf(withheld);
            withheld.clear();
        }
        pending.forEach(this::answer);
    }

    /** How many requests of {@code opcode} arrived, answered or withheld. */
    public synchronized int received(Opcode opcode) {
        return received.getOrDefault(opcode, 0);
    }

    /** Waits until {@code count} requests of {@code opcode} have arrived; false if {@code timeout} passes first. */
    public synchronized boolean awaitReceived(Opcode opcode, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received(opcode) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The error that stopped the daemon thread, if one did. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Tears the connection down: every request waiting for a reply (withheld or not) fails at once (the
     * kernel returns ECONNABORTED or ENOTCONN to its caller), and every later access fails with ENOTCONN.
     * Uses the connection's fusectl {@code abort} file; without it, has the daemon close /dev/fuse, which
     * aborts the connection as its last device fd goes. Idempotent.
     */
    public void abort() {
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            withholding.clear();
            withheld.clear();
        }
        Path abortFile = CONNECTIONS.resolve(Long.toString(connection)).resolve("abort");
        if (Files.exists(abortFile)) {
            try {
                Files.writeString(abortFile, "1");
                return;
            } catch (IOException e) {
                // fall back below
            }
        }
        stopDaemon();
    }

    /** Aborts, unmounts lazily and stops the daemon thread; never blocks on the file system. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        abort();
        umount(dir);
        stopDaemon();
    }

    // ---- availability --------------------------------------------------------------------------------------

    /** Why mounting cannot work here, or null when it can (checked once, with a trial mount). */
    public static String unavailableReason() {
        return Probe.REASON;
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    /**
     * Skips the calling test when FUSE cannot be mounted here; under CI ({@code CI=true}) fails it instead,
     * as {@link DebianTool} does, because CI is meant to run these tests.
     */
    public static void assumeAvailable() {
        String reason = unavailableReason();
        if (reason == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason + " (CI=true: the CI container must run as root with /dev/fuse)");
        }
        Assumptions.abort(reason);
    }

    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            if (!Files.exists(DEV_FUSE)) {
                return "FUSE unavailable: no /dev/fuse (load the fuse module, or pass --device /dev/fuse)";
            }
            int fd;
            try {
                fd = Libc.open(DEV_FUSE.toString(), Libc.O_RDWR | Libc.O_CLOEXEC | O_NONBLOCK, 0);
            } catch (OsException e) {
                return "FUSE unavailable: cannot open /dev/fuse: " + e.getMessage();
            }
            Path dir = null;
            try {
                dir = Files.createTempDirectory("shmward-fuse-probe-");
                mountFuse(dir, fd, 0, 0);
                umount(dir);
                return null;
            } catch (IOException e) {
                return "FUSE unavailable: a trial mount failed (needs root / CAP_SYS_ADMIN): " + e.getMessage();
            } finally {
                // Closing the only device fd aborts the trial connection, whose INIT nobody answered.
                Libc.closeQuietly(fd);
                if (dir != null) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException ignored) {
                        // a temp dir left behind
                    }
                }
            }
        }
    }

    // ---- the daemon ----------------------------------------------------------------------------------------

    private void serve() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(READ_BUFFER_SIZE, 8);
            MemorySegment pollfd = arena.allocate(POLLFD);
            pollfd.set(JAVA_INT, offset(POLLFD, "fd"), devFd);
            pollfd.set(JAVA_SHORT, offset(POLLFD, "events"), POLLIN);
            // Poll with a timeout rather than block in read, so stopDaemon() is seen even if the kernel sends
            // nothing more (the fallback abort needs this thread to close the device itself).
            while (!stopping) {
                long ready = sys(POLL, pollfd, 1L, POLL_MILLIS);
                if (ready == 0 || ready == -EINTR) {
                    continue;
                }
                check("poll /dev/fuse", ready);
                long n;
                try {
                    n = Libc.read(devFd, buffer, READ_BUFFER_SIZE);
                } catch (OsException e) {
                    if (e.errno() == EAGAIN || e.errno() == ENOENT) {
                        continue; // nothing after all, or the request was interrupted before we got it
                    }
                    if (e.errno() == ENODEV) {
                        return; // aborted or unmounted: the connection is gone
                    }
                    throw e;
                }
                dispatch(parse(buffer, n));
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            synchronized (device) {
                Libc.closeQuietly(devFd);
                devFd = -1;
            }
        }
    }

    private static Request parse(MemorySegment buffer, long n) {
        int code = buffer.get(JAVA_INT, offset(IN_HEADER, "opcode"));
        long unique = buffer.get(JAVA_LONG, offset(IN_HEADER, "unique"));
        long nodeid = buffer.get(JAVA_LONG, offset(IN_HEADER, "nodeid"));
        long headerSize = IN_HEADER.byteSize();
        // Arena.ofAuto: a withheld request may be answered from another thread, long after the buffer is reused.
        MemorySegment body = Arena.ofAuto().allocate(Math.max(1, n - headerSize), 8);
        MemorySegment.copy(buffer, headerSize, body, 0, n - headerSize);
        return new Request(Opcode.of(code), unique, nodeid, body.asSlice(0, n - headerSize));
    }

    private void dispatch(Request request) {
        synchronized (this) {
            received.merge(request.opcode(), 1, Integer::sum);
            notifyAll();
            if (request.opcode().expectsReply() && withholding.contains(request.opcode())) {
                withheld.add(request);
                return;
            }
        }
        answer(request);
    }

    private void answer(Request r) {
        switch (r.opcode()) {
            case INIT -> init(r);
            case LOOKUP -> lookup(r);
            case GETATTR -> getattr(r);
            case OPEN -> open(r);
            case READ -> read(r);
            case STATFS -> statfs(r);
            // Success with no body. FLUSH must not be ENOSYS: the kernel would then never send it again.
            case FLUSH, RELEASE, DESTROY -> reply(r.unique(), 0, 0, body -> { });
            case FORGET, BATCH_FORGET, INTERRUPT -> { } // no reply expected; we keep no lookup counts
            default -> error(r.unique(), ENOSYS);
        }
    }

    private void init(Request r) {
        int major = r.body().get(JAVA_INT, offset(INIT_IN, "major"));
        int minor = r.body().get(JAVA_INT, offset(INIT_IN, "minor"));
        if (major != FUSE_KERNEL_VERSION) {
            error(r.unique(), EPROTO);
            return;
        }
        reply(r.unique(), 0, INIT_OUT.byteSize(), out -> {
            out.set(JAVA_INT, offset(INIT_OUT, "major"), FUSE_KERNEL_VERSION);
            out.set(JAVA_INT, offset(INIT_OUT, "minor"), Math.min(minor, FUSE_KERNEL_MINOR_VERSION));
            // No readahead: a read fetches only the pages asked for, so a later pread of another page still
            // reaches us instead of the page cache.
            out.set(JAVA_INT, offset(INIT_OUT, "max_readahead"), 0);
            // No capability flags: no async reads, no writeback cache, no locks; the simplest kernel behaviour.
            out.set(JAVA_INT, offset(INIT_OUT, "flags"), 0);
            out.set(JAVA_INT, offset(INIT_OUT, "max_write"), MAX_WRITE);
            out.set(JAVA_INT, offset(INIT_OUT, "time_gran"), 1);
            // max_background, congestion_threshold 0: the kernel's defaults.
        });
    }

    private void lookup(Request r) {
        String name = r.body().getString(0, StandardCharsets.UTF_8);
        if (r.nodeid() != ROOT_ID || !name.equals(FILE_NAME)) {
            error(r.unique(), ENOENT);
            return;
        }
        reply(r.unique(), 0, ENTRY_OUT.byteSize(), out -> {
            out.set(JAVA_LONG, offset(ENTRY_OUT, "nodeid"), FILE_ID);
            // entry_valid, attr_valid stay 0: nothing cached, every path walk and fstat asks again
            fillAttr(out.asSlice(offset(ENTRY_OUT, "attr"), ATTR), FILE_ID);
        });
    }

    private void getattr(Request r) {
        if (r.nodeid() != ROOT_ID && r.nodeid() != FILE_ID) {
            error(r.unique(), ENOENT);
            return;
        }
        // attr_valid 0 makes the kernel record the attributes as already stale, so the next fstat asks again.
        reply(r.unique(), 0, ATTR_OUT.byteSize(),
                out -> fillAttr(out.asSlice(offset(ATTR_OUT, "attr"), ATTR), r.nodeid()));
    }

    private void fillAttr(MemorySegment attr, long nodeid) {
        boolean root = nodeid == ROOT_ID;
        long size = root ? 0 : fileSize;
        attr.set(JAVA_LONG, offset(ATTR, "ino"), nodeid);
        attr.set(JAVA_LONG, offset(ATTR, "size"), size);
        attr.set(JAVA_LONG, offset(ATTR, "blocks"), (size + 511) / 512);
        attr.set(JAVA_LONG, offset(ATTR, "atime"), mountTime);
        attr.set(JAVA_LONG, offset(ATTR, "mtime"), mountTime);
        attr.set(JAVA_LONG, offset(ATTR, "ctime"), mountTime);
        attr.set(JAVA_INT, offset(ATTR, "mode"), root ? S_IFDIR | 0755 : S_IFREG | 0644);
        attr.set(JAVA_INT, offset(ATTR, "nlink"), root ? 2 : 1);
        attr.set(JAVA_INT, offset(ATTR, "uid"), uid);
        attr.set(JAVA_INT, offset(ATTR, "gid"), gid);
        attr.set(JAVA_INT, offset(ATTR, "blksize"), BLOCK_SIZE);
    }

    private void open(Request r) {
        if (r.nodeid() != FILE_ID) {
            error(r.unique(), ENOENT);
            return;
        }
        // fh 0 and no FOPEN_* flags: page-cached I/O, so the file can also be mmapped.
        reply(r.unique(), 0, OPEN_OUT.byteSize(), out -> { });
    }

    private void read(Request r) {
        long offset = r.body().get(JAVA_LONG, offset(READ_IN, "offset"));
        long size = Integer.toUnsignedLong(r.body().get(JAVA_INT, offset(READ_IN, "size")));
        // A short reply is end of file.
        long n = Math.max(0, Math.min(size, fileSize - offset));
        reply(r.unique(), 0, n, out -> {
            for (long i = 0; i < n; i++) {
                out.set(JAVA_BYTE, i, contentAt(offset + i));
            }
        });
    }

    private void statfs(Request r) {
        reply(r.unique(), 0, STATFS_OUT.byteSize(), out -> {
            long blocks = (fileSize + BLOCK_SIZE - 1) / BLOCK_SIZE;
            out.set(JAVA_LONG, offset(STATFS_OUT, "blocks"), blocks);
            out.set(JAVA_LONG, offset(STATFS_OUT, "files"), 2);
            out.set(JAVA_INT, offset(STATFS_OUT, "bsize"), BLOCK_SIZE);
            out.set(JAVA_INT, offset(STATFS_OUT, "namelen"), 255);
            out.set(JAVA_INT, offset(STATFS_OUT, "frsize"), BLOCK_SIZE);
        });
    }

    private void error(long unique, int errno) {
        reply(unique, errno, 0, body -> { });
    }

    /**
     * Writes one reply: the out header, then {@code bodySize} bytes {@code fill} writes (zeroed first). A reply
     * the kernel no longer wants (ENOENT: its caller was interrupted; ENODEV: aborted) is dropped.
     */
    private void reply(long unique, int errno, long bodySize, Consumer<MemorySegment> fill) {
        try (Arena arena = Arena.ofConfined()) {
            long len = OUT_HEADER.byteSize() + bodySize;
            MemorySegment message = arena.allocate(len, 8);
            message.set(JAVA_INT, offset(OUT_HEADER, "len"), (int) len);
            message.set(JAVA_INT, offset(OUT_HEADER, "error"), -errno);
            message.set(JAVA_LONG, offset(OUT_HEADER, "unique"), unique);
            fill.accept(message.asSlice(OUT_HEADER.byteSize()));
            synchronized (device) {
                if (devFd < 0) {
                    return;
                }
                long r = sys(WRITE, devFd, message, len);
                if (r < 0 && r != -ENOENT && r != -ENODEV && r != -EINVAL) {
                    failure = new IOException("write /dev/fuse: " + strerror((int) -r));
                }
            }
        }
    }

    private void stopDaemon() {
        stopping = true;
        if (daemon.isAlive() && Thread.currentThread() != daemon) {
            try {
                daemon.join(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- mounting ------------------------------------------------------------------------------------------

    private static void mountFuse(Path target, int fd, int uid, int gid) throws IOException {
        // rootmode 40000: the root is a directory. allow_other: the compositor under test may run as another
        // user than this JVM. The type "fuse.NAME" shows NAME in /proc/mounts.
        String options = "fd=" + fd + ",rootmode=40000,user_id=" + uid + ",group_id=" + gid + ",allow_other";
        try (Arena arena = Arena.ofConfined()) {
            check("mount fuse on " + target, sys(MOUNT, arena.allocateFrom("shmward-stall"),
                    arena.allocateFrom(target.toString()), arena.allocateFrom("fuse.shmward-stall"),
                    MS_NOSUID | MS_NODEV, arena.allocateFrom(options)));
        }
    }

    /** Lazily unmounts: the mount goes now even if files on it are open (and their syscalls blocked). */
    private static void umount(Path target) {
        try (Arena arena = Arena.ofConfined()) {
            sys(UMOUNT2, arena.allocateFrom(target.toString()), MNT_DETACH); // EINVAL: not mounted (any more)
        }
    }

    /** The fusectl file system (where each connection's abort file lives) is not mounted everywhere. */
    private static void mountFusectl() {
        if (!Files.isDirectory(CONNECTIONS) || mountInfoLine(CONNECTIONS) != null) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            // Failure leaves abort() its fallback.
            sys(MOUNT, arena.allocateFrom("fusectl"), arena.allocateFrom(CONNECTIONS.toString()),
                    arena.allocateFrom("fusectl"), 0L, MemorySegment.NULL);
        }
    }

    /**
     * The fusectl name of the connection mounted on {@code target}: the kernel names it after the super block's
     * dev_t (MKDEV(major, minor) = major << 20 | minor; major is 0 for FUSE's anonymous devices, so it is
     * minor(st_dev)). Read from /proc/self/mountinfo rather than stat, which would itself ask the daemon.
     */
    private static long connectionOf(Path target) throws IOException {
        String[] line = mountInfoLine(target);
        if (line == null) {
            throw new IOException("mounted FUSE on " + target + " but /proc/self/mountinfo does not show it");
        }
        String[] dev = line[2].split(":");
        return (Long.parseLong(dev[0]) << 20) | Long.parseLong(dev[1]);
    }

    /** The fields of the topmost mount on {@code mountPoint} in /proc/self/mountinfo, or null. */
    private static String[] mountInfoLine(Path mountPoint) {
        String[] found = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (unescape(fields[4]).equals(mountPoint.toString())) {
                    found = fields; // later lines are mounted over earlier ones
                }
            }
        } catch (IOException e) {
            return null;
        }
        return found;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as \ooo. */
    private static String unescape(String field) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                s.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    // ---- FFM helpers ---------------------------------------------------------------------------------------

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }

    private static void requireSize(StructLayout layout, long size) {
        if (layout.byteSize() != size) {
            throw new AssertionError(layout + " is " + layout.byteSize() + " bytes, fuse.h says " + size);
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libc has no " + name)), descriptor,
                Linker.Option.captureCallState("errno"));
    }

    /** Calls {@code handle}; a result of -1 comes back as {@code -errno}. */
    private static long sys(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE);
            Object[] all = new Object[args.length + 1];
            all[0] = capture;
            System.arraycopy(args, 0, all, 1, args.length);
            long r = ((Number) handle.invokeWithArguments(all)).longValue();
            return r == -1 ? -(int) ERRNO.get(capture, 0L) : r;
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    private static long check(String call, long result) throws IOException {
        if (result < 0) {
            throw new IOException(call + ": " + strerror((int) -result) + " (errno " + -result + ")");
        }
        return result;
    }

    private static String strerror(int errno) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
