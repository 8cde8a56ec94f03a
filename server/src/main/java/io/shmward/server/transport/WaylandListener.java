package io.shmward.server.transport;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.OsException;
import io.shmward.os.UnixSockets;
import io.shmward.server.core.Display;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket: accepts connections and registers each as a {@link ClientConnection} on the loop.
 *
 * <p>When the process is out of fds (EMFILE, ENFILE) new connections wait in the listen backlog: accepting
 * pauses for {@link #ACCEPT_PAUSE_MILLIS} (the socket would otherwise poll ready and the loop spin on the
 * same failure), each refusal is counted, and the episode is logged once at its start and once when a
 * connection is accepted again. Served clients are not touched.
 */
final class WaylandListener implements EpollHandle {
    private static final Logger log = LoggerFactory.getLogger(WaylandListener.class);
    /** listen() backlog, as libwayland. */
    static final int BACKLOG = 128;
    /** How long accepting pauses when the process is out of fds: fds come back as clients and pools go. */
    static final long ACCEPT_PAUSE_MILLIS = 100;
    /** Accepts per wake-up, so a crowd connecting at once does not hold the loop from served clients. */
    private static final int ACCEPTS_PER_TURN = 32;

    private final int fd;
    private final IoEventLoop loop;
    private final EpollIoHandler io;
    private final Display display;
    private final TransportLimits limits;
    private final FdCloser closer;
    private final TransportObserver observer;
    /** Received fds not yet taken by a message, over every connection (loop-confined, as all the queues). */
    private final SharedBudget queuedFds;
    private EpollIoHandler.Registration registration;
    /** Accepts refused since the process ran out of fds; 0 outside such an episode. */
    private long refusedInEpisode;

    private WaylandListener(int fd, IoEventLoop loop, EpollIoHandler io, Display display, TransportLimits limits, FdCloser closer,
                            TransportObserver observer) {
        this.fd = fd;
        this.loop = loop;
        this.io = io;
        this.display = display;
        this.limits = limits;
        this.closer = closer;
        this.observer = observer;
        this.queuedFds = new SharedBudget("queued fd", limits.totalFdQueue());
    }

    /** Binds {@code path} and starts accepting; call on the loop. */
    static WaylandListener open(String path, IoEventLoop loop, EpollIoHandler io, Display display, TransportLimits limits,
                                FdCloser closer, TransportObserver observer) throws OsException {
        int fd = UnixSockets.listen(path, BACKLOG);
        WaylandListener listener = new WaylandListener(fd, loop, io, display, limits, closer, observer);
        try {
            listener.registration = io.register(listener);
            listener.registration.submit(EpollIoHandler.Interest.IN);
            return listener;
        } catch (RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            int accepted = UnixSockets.accept(fd);
            if (accepted >= 0) {
                serve(accepted);
            } else if (accepted == -Errno.EAGAIN) {
                return;
            } else if (accepted == -Errno.EMFILE || accepted == -Errno.ENFILE) {
                refusedForFds(-accepted);
                return;
            } else {
                log.warn("accept failed: {}", Libc.strerror(-accepted)); // ECONNABORTED and the like: the next one may work
            }
        }
    }

    private void serve(int accepted) {
        if (refusedInEpisode > 0) {
            log.info("accepting connections again after {} refusals for want of fds", refusedInEpisode);
            refusedInEpisode = 0;
        }
        ClientConnection connection = new ClientConnection(accepted, loop, display, limits, closer.account(),
                queuedFds, observer);
        try {
            connection.start(io.register(connection));
        } catch (RuntimeException e) {
            log.error("cannot serve a new connection", e);
            connection.abandon();
        }
    }

    private void refusedForFds(int errno) {
        observer.acceptRefusedForFds();
        if (refusedInEpisode++ == 0) {
            log.warn("out of file descriptors ({}): new connections wait in the backlog until fds are free; "
                    + "served clients go on", Libc.strerror(errno));
        }
        registration.submit(EpollIoHandler.Interest.NONE);
        loop.schedule(() -> {
            if (registration.isValid()) {
                registration.submit(EpollIoHandler.Interest.IN);
            }
        }, ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops accepting; connections already served go on until the loop shuts down. */
    @Override
    public void close() {
        if (registration != null && registration.cancel()) {
            Libc.closeQuietly(fd);
        }
    }

    @Override
    public String toString() {
        return "listener fd " + fd;
    }
}
