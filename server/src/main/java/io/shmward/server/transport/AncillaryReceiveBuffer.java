package io.shmward.server.transport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.newsclub.net.unix.AFSocketChannel;

/**
 * Makes a junixsocket channel able to receive the kernel's maximum of fds in one message.
 *
 * <p>junixsocket's public setter caps the ancillary buffer at 256 bytes (60 fds). A client that sends 61
 * or more fds in one sendmsg then makes the read fail with ENOBUFS after the kernel has already installed
 * the fds in our process, and nobody closes them: one hostile client could exhaust the server's fds. The
 * kernel never passes more than SCM_MAX_FD (253) fds per message, so a buffer of
 * {@code CMSG_SPACE(253 * 4)} bytes takes every possible message whole. The only way to get there is
 * junixsocket's package-private setter, reached by reflection; this class is the one place that does it.
 */
final class AncillaryReceiveBuffer {
    /** CMSG_SPACE(253 * sizeof(int)) on 64-bit Linux: 16-byte header plus 1012 bytes aligned to 8. */
    static final int BYTES = 16 + ((253 * 4 + 7) & ~7);

    private static final Method GET_CORE;
    private static final Field ANCILLARY_SUPPORT;
    private static final Method SET_SIZE_UNCAPPED;

    static {
        try {
            GET_CORE = AFSocketChannel.class.getDeclaredMethod("getAFCore");
            GET_CORE.setAccessible(true);
            Class<?> core = Class.forName("org.newsclub.net.unix.AFCore");
            ANCILLARY_SUPPORT = core.getDeclaredField("ancillaryDataSupport");
            ANCILLARY_SUPPORT.setAccessible(true);
            Class<?> support = Class.forName("org.newsclub.net.unix.AncillaryDataSupport");
            SET_SIZE_UNCAPPED = support.getDeclaredMethod("setAncillaryReceiveBufferSize0", int.class);
            SET_SIZE_UNCAPPED.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("junixsocket internals changed; cannot size the fd buffer: " + e);
        }
    }

    private AncillaryReceiveBuffer() {
    }

    static void enlarge(AFSocketChannel<?> channel) {
        try {
            Object support = ANCILLARY_SUPPORT.get(GET_CORE.invoke(channel));
            SET_SIZE_UNCAPPED.invoke(support, BYTES);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot size the fd receive buffer", e);
        }
    }
}
