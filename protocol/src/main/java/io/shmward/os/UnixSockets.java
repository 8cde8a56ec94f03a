package io.shmward.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * AF_UNIX stream sockets on raw fds, for both peers: a listening socket bound to a path and non-blocking
 * accepts (the server), a connect and a bounded wait for readiness (the client library), and the peer's
 * credentials. Moving bytes and fds over a connection is {@link MessageIo}'s job.
 */
public final class UnixSockets {
    /** sun_path holds 108 bytes including the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 04000;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SOCKADDR_UN_SIZE = 110;

    private static final MethodHandle SOCKET = Libc.errnoCall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Libc.errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = Libc.errnoCall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = Libc.errnoCall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = Libc.errnoCall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Libc.errnoCall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), Linker.Option.critical(false));
    private static final MethodHandle GETSOCKOPT = Libc.errnoCall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Libc.newCaptureSegment(Arena.ofAuto()));

    /** What SO_PEERCRED says of the process at the other end, as of its connect. */
    public record PeerCredentials(int pid, int uid, int gid) {
    }

    private UnixSockets() {
    }

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;

    /**
     * A close-on-exec socket connected to {@code path}, the way a client connects: in blocking mode, so
     * the connect waits for room in the listen backlog; reads and writes through {@link MessageIo} never
     * block anyway, and {@link #poll} waits for them with a time limit.
     */
    public static int connect(String path) throws OsException {
        MemorySegment capture = CAPTURE.get();
        int fd = call("socket", capture, () -> (int) SOCKET.invokeExact(capture, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = addressOf(arena, path);
            call("connect " + path, capture, () -> (int) CONNECT.invokeExact(capture, fd, address, SOCKADDR_UN_SIZE));
            return fd;
        } catch (OsException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for {@code events} ({@link #POLLIN}, {@link #POLLOUT}) on {@code fd}:
     * the events that happened (hang-ups and errors included), or 0 when the time ran out.
     */
    public static int poll(int fd, short events, int timeoutMillis) throws OsException {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, events);
            while (true) {
                int r = (int) POLL.invokeExact(capture, pollfd, 1L, timeoutMillis);
                if (r >= 0) {
                    return r == 0 ? 0 : pollfd.get(JAVA_SHORT, 6);
                }
                int errno = Libc.errnoIn(capture);
                if (errno != Errno.EINTR) {
                    throw new OsException("poll", errno);
                }
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("poll downcall failed", t);
        }
    }

    private static MemorySegment addressOf(Arena arena, String path) throws OsException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_PATH_BYTES) {
            throw new OsException("socket address " + path, Errno.ENAMETOOLONG);
        }
        MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE); // zeroed: the path ends with NUL
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
        return address;
    }

    /** A non-blocking, close-on-exec socket bound to {@code path} and listening with {@code backlog}. */
    public static int listen(String path, int backlog) throws OsException {
        MemorySegment capture = CAPTURE.get();
        int fd = call("socket", capture, () -> (int) SOCKET.invokeExact(capture, AF_UNIX,
                SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = addressOf(arena, path);
            call("bind " + path, capture, () -> (int) BIND.invokeExact(capture, fd, address, SOCKADDR_UN_SIZE));
            call("listen " + path, capture, () -> (int) LISTEN.invokeExact(capture, fd, backlog));
            return fd;
        } catch (OsException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Accepts one connection as a non-blocking, close-on-exec fd; {@code -errno} when there is none
     * ({@code -EAGAIN}) or it failed (EMFILE when the process is out of fds). Retries on EINTR.
     */
    public static int accept(int listenFd) {
        MemorySegment capture = CAPTURE.get();
        while (true) {
            int fd;
            try {
                fd = (int) ACCEPT4.invokeExact(capture, listenFd, MemorySegment.NULL, MemorySegment.NULL,
                        SOCK_NONBLOCK | SOCK_CLOEXEC);
            } catch (Throwable t) {
                throw new AssertionError("accept4 downcall failed", t);
            }
            if (fd >= 0) {
                return fd;
            }
            int errno = Libc.errnoIn(capture);
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    /** The connected peer's pid, uid and gid, or null when the kernel would not say. */
    public static PeerCredentials peerCredentials(int fd) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ucred = arena.allocate(12, 4);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 12);
            int r = (int) GETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, SO_PEERCRED, ucred, length);
            if (r < 0) {
                return null;
            }
            return new PeerCredentials(ucred.get(JAVA_INT, 0), ucred.get(JAVA_INT, 4), ucred.get(JAVA_INT, 8));
        } catch (Throwable t) {
            throw new AssertionError("getsockopt downcall failed", t);
        }
    }

    private interface IntCall {
        int invoke() throws Throwable;
    }

    private static int call(String what, MemorySegment capture, IntCall call) throws OsException {
        int r;
        try {
            r = call.invoke();
        } catch (Throwable t) {
            throw new AssertionError(what + " downcall failed", t);
        }
        if (r < 0) {
            throw new OsException(what, Libc.errnoIn(capture));
        }
        return r;
    }
}
