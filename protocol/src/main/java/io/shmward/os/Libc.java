package io.shmward.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcalls into libc. Each wrapper returns the call's result or throws {@link OsException} with the errno
 * the call left, captured by the linker itself (reading errno afterwards would race with the JVM's own calls).
 */
public final class Libc {
    public static final int F_ADD_SEALS = 1033;
    public static final int F_GET_SEALS = 1034;
    public static final int F_SEAL_SEAL = 0x1;
    public static final int F_SEAL_SHRINK = 0x2;
    public static final int F_SEAL_GROW = 0x4;
    public static final int F_SEAL_WRITE = 0x8;

    public static final int MFD_CLOEXEC = 0x1;
    public static final int MFD_ALLOW_SEALING = 0x2;

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MREMAP_MAYMOVE = 1;

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_CLOEXEC = 02000000;

    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;

    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long HUGETLBFS_MAGIC = 0x958458f6L;

    private static final int RLIMIT_NOFILE = 7;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_LINGER = 13;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final long SIOCOUTQ = 0x5411;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE_SEGMENT =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    /** {@code struct stat}: st_mode and st_size offsets differ between x86_64 and the generic (arm64) layout. */
    private static final long STAT_SIZE = 144;
    private static final long STAT_MODE_OFFSET = AARCH64 ? 16 : 24;
    private static final long STAT_SIZE_OFFSET = 48;
    private static final long STATFS_SIZE = 120;

    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP = errnoCall("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PIPE2 = errnoCall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = errnoCall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MEMFD_CREATE = errnoCall("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = errnoCall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FCNTL = errnoCall("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FSTAT = errnoCall("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FSTATFS = errnoCall("fstatfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle LSEEK = errnoCall("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle FLOCK = errnoCall("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MMAP = errnoCall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = errnoCall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MREMAP = errnoCall("mremap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT), Linker.Option.firstVariadicArg(4));
    private static final MethodHandle PREAD = errnoCall("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle READ = errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle PWRITE = errnoCall("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = errnoCall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = errnoCall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IOCTL = errnoCall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle GETRLIMIT = errnoCall("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = errnoCall("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static final long MAP_FAILED = -1L;

    private Libc() {
    }

    public static void close(int fd) throws OsException {
        // On Linux the fd is released even when close reports EINTR or EIO, so a retry would close a stranger's fd.
        check("close", callInt(CLOSE, fd));
    }

    /** Closes {@code fd}, ignoring errors: for release paths where the fd is gone either way. */
    public static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (OsException ignored) {
            // nothing left to release
        }
    }

    public static int dup(int fd) throws OsException {
        return check("dup", callInt(DUP, fd));
    }

    /** A close-on-exec pipe: {read end, write end}. */
    public static int[] pipe() throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check("pipe2", callInt(PIPE2, fds, O_CLOEXEC));
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    public static int open(String path, int flags, int mode) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            return check("open " + path, callInt(OPEN, arena.allocateFrom(path), flags, mode));
        }
    }

    public static int memfdCreate(String name, int flags) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            return check("memfd_create", callInt(MEMFD_CREATE, arena.allocateFrom(name), flags));
        }
    }

    public static void ftruncate(int fd, long length) throws OsException {
        check("ftruncate", callInt(FTRUNCATE, fd, length));
    }

    public static int fcntl(int fd, int cmd, int arg) throws OsException {
        return check("fcntl", callInt(FCNTL, fd, cmd, arg));
    }

    /** The seals on {@code fd}; 0 for files that cannot carry seals (EINVAL), as libwayland treats them. */
    public static int seals(int fd) throws OsException {
        try {
            return fcntl(fd, F_GET_SEALS, 0);
        } catch (OsException e) {
            if (e.errno() == Errno.EINVAL) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * True when {@code fd} is a shmem file (a memfd, a tmpfs file such as one under {@code /dev/shm}, or a
     * hugetlbfs memfd): only those answer {@code F_GET_SEALS}, and they answer from the file's in-memory
     * state, so this call never waits on a file system, a network or another process, whatever the fd is.
     */
    public static boolean isShmem(int fd) {
        try {
            fcntl(fd, F_GET_SEALS, 0);
            return true;
        } catch (OsException e) {
            return false;
        }
    }

    public static void addSeals(int fd, int seals) throws OsException {
        fcntl(fd, F_ADD_SEALS, seals);
    }

    public static FileStat fstat(int fd) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(STAT_SIZE, 8);
            check("fstat", callInt(FSTAT, fd, st));
            return new FileStat(st.get(JAVA_INT, STAT_MODE_OFFSET), st.get(JAVA_LONG, STAT_SIZE_OFFSET));
        }
    }

    /** The file system magic ({@code f_type}) of the file behind {@code fd}. */
    public static long fstatfsType(int fd) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(STATFS_SIZE, 8);
            check("fstatfs", callInt(FSTATFS, fd, st));
            return st.get(JAVA_LONG, 0); // f_type leads struct statfs on 64-bit Linux
        }
    }

    /** {@code lseek}: with {@link #SEEK_HOLE}, the first hole (a range never written) at or after {@code offset}. */
    public static long lseek(int fd, long offset, int whence) throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        long r;
        try {
            r = (long) LSEEK.invokeExact(capture, fd, offset, whence);
        } catch (Throwable t) {
            throw new AssertionError("lseek downcall failed", t);
        }
        if (r < 0) {
            throw new OsException("lseek", (int) ERRNO.get(capture, 0L));
        }
        return r;
    }

    public static void flock(int fd, int operation) throws OsException {
        check("flock", callInt(FLOCK, fd, operation));
    }

    /** Maps and returns the address; the caller sizes it with {@code reinterpret} under an arena it owns. */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        try {
            MemorySegment addr = (MemorySegment) MMAP.invokeExact(capture, MemorySegment.NULL, length, prot, flags, fd, offset);
            if (addr.address() == MAP_FAILED) {
                throw new OsException("mmap", (int) ERRNO.get(capture, 0L));
            }
            return addr;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("mmap downcall failed", t);
        }
    }

    /**
     * Maps as {@link #mmap(long, int, int, int, long)} does and gives the mapping to {@code owner}: closing
     * the arena unmaps it, and any access after that is an {@link IllegalStateException}, never a read of
     * unmapped memory.
     */
    public static MemorySegment mmap(Arena owner, long length, int prot, int flags, int fd, long offset)
            throws OsException {
        MemorySegment address = mmap(length, prot, flags, fd, offset);
        return address.reinterpret(length, owner, unused -> {
            try {
                munmap(address, length);
            } catch (OsException e) {
                throw new IllegalStateException("munmap failed: " + e.getMessage(), e);
            }
        });
    }

    public static MemorySegment mremap(MemorySegment address, long oldLength, long newLength, int flags) throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        try {
            MemorySegment addr = (MemorySegment) MREMAP.invokeExact(capture, address, oldLength, newLength, flags);
            if (addr.address() == MAP_FAILED) {
                throw new OsException("mremap", (int) ERRNO.get(capture, 0L));
            }
            return addr;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("mremap downcall failed", t);
        }
    }

    public static void munmap(MemorySegment address, long length) throws OsException {
        check("munmap", callInt(MUNMAP, address, length));
    }

    /**
     * Reads up to {@code count} bytes at {@code offset} into {@code dst}: a short count means end of file,
     * never a signal. Retries on EINTR.
     */
    public static long pread(int fd, MemorySegment dst, long count, long offset) throws OsException {
        return ioCall("pread", PREAD, fd, dst, count, offset);
    }

    /** Reads up to {@code count} bytes at the fd's position; 0 means end of file. Retries on EINTR. */
    public static long read(int fd, MemorySegment dst, long count) throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        while (true) {
            long n;
            try {
                n = (long) READ.invokeExact(capture, fd, dst, count);
            } catch (Throwable t) {
                throw new AssertionError("read downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = (int) ERRNO.get(capture, 0L);
            if (errno != Errno.EINTR) {
                throw new OsException("read", errno);
            }
        }
    }

    public static long pwrite(int fd, MemorySegment src, long count, long offset) throws OsException {
        return ioCall("pwrite", PWRITE, fd, src, count, offset);
    }

    /** A blocking, close-on-exec TCP socket connected to 127.0.0.1:{@code port}. */
    public static int connectTcpLoopback(int port) throws OsException {
        int fd = check("socket", callInt(SOCKET, AF_INET, SOCK_STREAM | O_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(16); // struct sockaddr_in, zeroed
            addr.set(JAVA_SHORT, 0, (short) AF_INET); // sin_family, host order
            addr.set(JAVA_BYTE, 2, (byte) (port >>> 8)); // sin_port, network order
            addr.set(JAVA_BYTE, 3, (byte) port);
            addr.set(JAVA_BYTE, 4, (byte) 127); // sin_addr 127.0.0.1, network order
            addr.set(JAVA_BYTE, 7, (byte) 1);
            check("connect 127.0.0.1:" + port, callInt(CONNECT, fd, addr, 16));
            return fd;
        } catch (OsException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    /** {@code send} without blocking; the bytes the kernel took, or 0 when it takes none now (EAGAIN). */
    public static long sendNonBlocking(int fd, MemorySegment buf, long count) throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        while (true) {
            long n;
            try {
                n = (long) SEND.invokeExact(capture, fd, buf, count, MSG_DONTWAIT | MSG_NOSIGNAL);
            } catch (Throwable t) {
                throw new AssertionError("send downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = (int) ERRNO.get(capture, 0L);
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            if (errno != Errno.EINTR) {
                throw new OsException("send", errno);
            }
        }
    }

    /**
     * {@code SO_LINGER}: with {@code seconds > 0}, close() of the socket's last reference waits until its
     * queue is sent, that long at most; with 0 it resets the connection at once.
     */
    public static void setLinger(int fd, int seconds) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linger = arena.allocate(8);
            linger.set(JAVA_INT, 0, 1);
            linger.set(JAVA_INT, 4, seconds);
            check("setsockopt SO_LINGER", callInt(SETSOCKOPT, fd, SOL_SOCKET, SO_LINGER, linger, 8));
        }
    }

    /** Bytes in a socket's send queue not yet sent ({@code SIOCOUTQ}). */
    public static int unsentBytes(int fd) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(JAVA_INT);
            check("ioctl SIOCOUTQ", callInt(IOCTL, fd, SIOCOUTQ, n));
            return n.get(JAVA_INT, 0);
        }
    }

    /** Raises the soft limit on open files to the hard limit; returns the new soft limit. */
    public static long raiseOpenFileLimit() throws OsException {
        return setOpenFileLimit(Long.MAX_VALUE);
    }

    /**
     * Sets the soft limit on open files to {@code soft}, or to the hard limit when that is lower; returns the
     * new soft limit. Tests lower it to make the process run out of fds.
     */
    public static long setOpenFileLimit(long soft) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlimit = arena.allocate(16, 8);
            check("getrlimit", callInt(GETRLIMIT, RLIMIT_NOFILE, rlimit));
            long chosen = Math.min(soft, rlimit.get(JAVA_LONG, 8));
            rlimit.set(JAVA_LONG, 0, chosen);
            check("setrlimit", callInt(SETRLIMIT, RLIMIT_NOFILE, rlimit));
            return chosen;
        }
    }

    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static long ioCall(String name, MethodHandle handle, int fd, MemorySegment buf, long count, long offset)
            throws OsException {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        while (true) {
            long n;
            try {
                n = (long) handle.invokeExact(capture, fd, buf, count, offset);
            } catch (Throwable t) {
                throw new AssertionError(name + " downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = (int) ERRNO.get(capture, 0L);
            if (errno != Errno.EINTR) {
                throw new OsException(name, errno);
            }
        }
    }

    /** A downcall whose first argument is a capture segment that receives the call's errno. */
    static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libc has no " + name)), descriptor, options);
    }

    /** A segment for {@link #errnoCall} handles, for callers that keep their own (a loop thread's). */
    static MemorySegment newCaptureSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** The errno a call left in {@code capture}. */
    static int errnoIn(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /**
     * The int result of {@code handle} for calls off the hot path; a failure comes back as {@code -1 - errno}
     * (below -1) so {@link #check} can name the call in its exception.
     */
    private static long callInt(MethodHandle handle, Object... args) {
        MemorySegment capture = CAPTURE_SEGMENT.get();
        Object[] withCapture = new Object[args.length + 1];
        withCapture[0] = capture;
        System.arraycopy(args, 0, withCapture, 1, args.length);
        int r;
        try {
            r = (int) handle.invokeWithArguments(withCapture);
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
        if (r == -1) {
            return -1L - (int) ERRNO.get(capture, 0L);
        }
        return r;
    }

    private static int check(String call, long result) throws OsException {
        if (result < -1) {
            throw new OsException(call, (int) (-1L - result));
        }
        return (int) result;
    }
}
