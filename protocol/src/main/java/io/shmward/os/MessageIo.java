package io.shmward.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code recvmsg} and {@code sendmsg} on AF_UNIX stream sockets with fds passed as SCM_RIGHTS, the way
 * Wayland moves bytes and fds together. Never blocks ({@code MSG_DONTWAIT}), never raises SIGPIPE
 * ({@code MSG_NOSIGNAL}); received fds are close-on-exec from the start ({@code MSG_CMSG_CLOEXEC}).
 *
 * <p>One instance per thread: the message header, its iovec and the ancillary buffer are allocated once
 * and reused, so a call allocates nothing. Data is addressed by native address (a direct buffer's memory).
 */
public final class MessageIo implements AutoCloseable {
    /** The kernel passes at most SCM_MAX_FD fds in one message. */
    public static final int MAX_FDS = 253;

    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    /** struct msghdr and struct cmsghdr on 64-bit Linux. */
    private static final long MSG_IOV = 16;
    private static final long MSG_IOVLEN = 24;
    private static final long MSG_CONTROL = 32;
    private static final long MSG_CONTROLLEN = 40;
    private static final long MSG_FLAGS = 48;
    private static final long MSGHDR_SIZE = 56;
    private static final long CMSG_HEADER = 16;
    /** CMSG_SPACE(MAX_FDS * sizeof(int)): room for any message's fds, so none is ever cut off. */
    private static final long CONTROL_SIZE = CMSG_HEADER + ((MAX_FDS * 4 + 7) & ~7);

    private static final MethodHandle RECVMSG = Libc.errnoCall("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.critical(false));
    private static final MethodHandle SENDMSG = Libc.errnoCall("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.critical(false));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment header = arena.allocate(MSGHDR_SIZE, 8);
    private final MemorySegment iov = arena.allocate(16, 8);
    private final MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
    private final MemorySegment capture = Libc.newCaptureSegment(arena);
    private final int[] received = new int[MAX_FDS];
    private int receivedCount;
    private boolean truncated;

    public MessageIo() {
        header.set(JAVA_LONG, MSG_IOV, iov.address());
        header.set(JAVA_LONG, MSG_IOVLEN, 1L);
    }

    /**
     * Reads up to {@code length} bytes to native {@code address}: the count read, 0 at end of stream, or
     * {@code -errno} ({@code -EAGAIN} when nothing is there). The fds that came with the bytes are then
     * {@link #receivedFd(int) receivedFd(0..receivedFdCount()-1)}, now the caller's to close.
     */
    public long receive(int fd, long address, long length) {
        receivedCount = 0;
        truncated = false;
        iov.set(JAVA_LONG, 0, address);
        iov.set(JAVA_LONG, 8, length);
        header.set(JAVA_LONG, MSG_CONTROL, control.address());
        header.set(JAVA_LONG, MSG_CONTROLLEN, CONTROL_SIZE);
        header.set(JAVA_INT, MSG_FLAGS, 0);
        long n;
        while (true) {
            try {
                n = (long) RECVMSG.invokeExact(capture, fd, header, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
            } catch (Throwable t) {
                throw new AssertionError("recvmsg downcall failed", t);
            }
            if (n >= 0) {
                break;
            }
            int errno = Libc.errnoIn(capture);
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
        collectFds();
        return n;
    }

    public int receivedFdCount() {
        return receivedCount;
    }

    public int receivedFd(int i) {
        return received[i];
    }

    /** The kernel dropped fds of the last {@link #receive} for want of room (it closes those itself). */
    public boolean receiveTruncated() {
        return truncated;
    }

    /**
     * Writes up to {@code length} bytes from native {@code address} with {@code fds[from..from+count)}
     * (at most {@link #MAX_FDS}) attached to the first byte: the count written, or {@code -errno}
     * ({@code -EAGAIN} when the socket buffer is full). When any byte was written, every attached fd went
     * too; the kernel holds its own references, so the caller may close its copies.
     */
    public long send(int fd, long address, long length, int[] fds, int from, int count) {
        iov.set(JAVA_LONG, 0, address);
        iov.set(JAVA_LONG, 8, length);
        if (count == 0) {
            header.set(JAVA_LONG, MSG_CONTROL, 0L);
            header.set(JAVA_LONG, MSG_CONTROLLEN, 0L);
        } else {
            long dataBytes = 4L * count;
            control.set(JAVA_LONG, 0, CMSG_HEADER + dataBytes);
            control.set(JAVA_INT, 8, SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            for (int i = 0; i < count; i++) {
                control.set(JAVA_INT, CMSG_HEADER + 4L * i, fds[from + i]);
            }
            header.set(JAVA_LONG, MSG_CONTROL, control.address());
            header.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_HEADER + ((dataBytes + 7) & ~7));
        }
        header.set(JAVA_INT, MSG_FLAGS, 0);
        while (true) {
            long n;
            try {
                n = (long) SENDMSG.invokeExact(capture, fd, header, MSG_DONTWAIT | MSG_NOSIGNAL);
            } catch (Throwable t) {
                throw new AssertionError("sendmsg downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = Libc.errnoIn(capture);
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Walks the ancillary data the kernel filled in; only SCM_RIGHTS is ever asked for. */
    private void collectFds() {
        truncated = (header.get(JAVA_INT, MSG_FLAGS) & MSG_CTRUNC) != 0;
        long used = header.get(JAVA_LONG, MSG_CONTROLLEN);
        long offset = 0;
        while (offset + CMSG_HEADER <= used) {
            long length = control.get(JAVA_LONG, offset);
            if (length < CMSG_HEADER || offset + length > used) {
                break;
            }
            if (control.get(JAVA_INT, offset + 8) == SOL_SOCKET && control.get(JAVA_INT, offset + 12) == SCM_RIGHTS) {
                int count = (int) ((length - CMSG_HEADER) / 4);
                for (int i = 0; i < count && receivedCount < received.length; i++) {
                    received[receivedCount++] = control.get(JAVA_INT, offset + CMSG_HEADER + 4L * i);
                }
            }
            offset += (length + 7) & ~7;
        }
    }
}
