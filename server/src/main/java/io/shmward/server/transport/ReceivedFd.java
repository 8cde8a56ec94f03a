package io.shmward.server.transport;

import io.shmward.os.Libc;
import io.shmward.os.OsException;
import java.io.FileDescriptor;
import java.lang.reflect.Method;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Takes an fd the kernel delivered out of junixsocket's hands without closing anything.
 *
 * <p>junixsocket keeps every received {@link FileDescriptor} it still thinks valid and closes it, by number,
 * when its socket closes; so the number must leave its bookkeeping before we own it. Closing its copy after
 * a dup would do that, but that close is a system call on the client's file: on a FUSE file it sends FLUSH
 * and waits for the client's own daemon, on the event loop. Marking the descriptor object invalid
 * (junixsocket's own package-private {@code initFD(fd, -1)}, reached by reflection as
 * {@link AncillaryReceiveBuffer} does) costs no system call on the file at all. The one call made here,
 * {@code F_SETFD}, only touches our fd table.
 */
final class ReceivedFd {
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final Method INIT_FD;

    static {
        try {
            INIT_FD = Class.forName("org.newsclub.net.unix.NativeUnixSocket")
                    .getDeclaredMethod("initFD", FileDescriptor.class, int.class);
            INIT_FD.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("junixsocket internals changed; cannot take received fds: " + e);
        }
    }

    private ReceivedFd() {
    }

    /** The fd's number, now ours alone to close, close-on-exec (so children of {@code run} never inherit it). */
    static int take(FileDescriptor received) throws java.io.IOException {
        int fd = FileDescriptorCast.using(received).as(Integer.class);
        try {
            INIT_FD.invoke(null, received, -1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot take a received fd from junixsocket", e);
        }
        try {
            Libc.fcntl(fd, F_SETFD, FD_CLOEXEC);
        } catch (OsException e) {
            // the number is ours either way; it only stays inheritable, which run's children would merely see
        }
        return fd;
    }
}
