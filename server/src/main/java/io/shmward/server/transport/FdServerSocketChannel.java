package io.shmward.server.transport;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening AF_UNIX channel; accepts connections as {@link FdSocketChannel}s.
 *
 * <p>It is bound and listening before Netty registers it. An unbound AF_UNIX socket polls as hung up;
 * junixsocket's selector then cancels its key and Netty closes the channel, so registering first and
 * binding after (Netty's usual order) failed now and then with a closed channel.
 */
final class FdServerSocketChannel extends NioServerSocketChannel {
    private static final Logger log = LoggerFactory.getLogger(FdServerSocketChannel.class);
    /** listen() backlog, as libwayland. */
    private static final int BACKLOG = 128;
    /** How long accepting pauses when the process is out of fds: fds come back as clients and pools go. */
    static final long ACCEPT_PAUSE_MILLIS = 100;

    private final int fdQueueCapacity;
    /** Received fds not yet taken by a message, over every connection (loop-confined, as all the queues). */
    private final SharedBudget queuedFds;
    private final FdCloser closer;
    private final TransportObserver observer;
    /** Accepts refused since the process ran out of fds; 0 outside such an episode. */
    private long refusedInEpisode;

    FdServerSocketChannel(AFUNIXSocketAddress address, TransportLimits limits, FdCloser closer,
                          TransportObserver observer) throws IOException {
        super(openBound(address));
        this.fdQueueCapacity = limits.fdQueueCapacity();
        this.queuedFds = new SharedBudget("queued fd", limits.totalFdQueue());
        this.closer = closer;
        this.observer = observer;
    }

    private static AFUNIXServerSocketChannel openBound(AFUNIXSocketAddress address) throws IOException {
        AFUNIXServerSocketChannel channel = AFUNIXServerSocketChannel.open();
        try {
            channel.bind(address, BACKLOG);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Accepts one connection. When the process is out of fds (EMFILE, ENFILE) the connection waits in the
     * listen backlog: accepting pauses for {@link #ACCEPT_PAUSE_MILLIS} (the socket would otherwise poll
     * ready and the loop spin on the same failure), the refusal is counted, and the episode is logged once
     * at its start and once when a connection is accepted again. Served clients are not touched.
     */
    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        AFUNIXSocketChannel accepted;
        try {
            accepted = ((AFUNIXServerSocketChannel) javaChannel()).accept();
        } catch (IOException e) {
            if (!outOfFds(e)) {
                throw e;
            }
            refusedForFds(e);
            return 0;
        }
        if (accepted == null) {
            return 0;
        }
        if (refusedInEpisode > 0) {
            log.info("accepting connections again after {} refusals for want of fds", refusedInEpisode);
            refusedInEpisode = 0;
        }
        try {
            buf.add(new FdSocketChannel(this, accepted, fdQueueCapacity, queuedFds, closer, observer));
            return 1;
        } catch (RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    private void refusedForFds(IOException e) {
        observer.acceptRefusedForFds();
        if (refusedInEpisode++ == 0) {
            log.warn("out of file descriptors ({}): new connections wait in the backlog until fds are free; "
                    + "served clients go on", e.getMessage());
        }
        config().setAutoRead(false);
        eventLoop().schedule(() -> config().setAutoRead(true), ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** EMFILE (this process) or ENFILE (the system): strerror's words, which junixsocket passes on. */
    private static boolean outOfFds(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Too many open files");
    }
}
