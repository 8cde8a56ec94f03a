package io.shmward.server.transport;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;
import java.io.IOException;
import java.util.List;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * The listening AF_UNIX channel; accepts connections as {@link FdSocketChannel}s.
 *
 * <p>It is bound and listening before Netty registers it. An unbound AF_UNIX socket polls as hung up;
 * junixsocket's selector then cancels its key and Netty closes the channel, so registering first and
 * binding after (Netty's usual order) failed now and then with a closed channel.
 */
final class FdServerSocketChannel extends NioServerSocketChannel {
    /** listen() backlog, as libwayland. */
    private static final int BACKLOG = 128;

    private final int fdQueueCapacity;
    /** Received fds not yet taken by a message, over every connection (loop-confined, as all the queues). */
    private final SharedBudget queuedFds;
    private final FdCloser closer;
    private final TransportObserver observer;

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

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        AFUNIXSocketChannel accepted = ((AFUNIXServerSocketChannel) javaChannel()).accept();
        if (accepted == null) {
            return 0;
        }
        try {
            buf.add(new FdSocketChannel(this, accepted, fdQueueCapacity, queuedFds, closer, observer));
            return 1;
        } catch (RuntimeException e) {
            accepted.close();
            throw e;
        }
    }
}
