package io.shmward.server.transport;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.util.List;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** The listening AF_UNIX channel; accepts connections as {@link FdSocketChannel}s. */
final class FdServerSocketChannel extends NioServerSocketChannel {
    private final int fdQueueCapacity;

    FdServerSocketChannel(int fdQueueCapacity) throws IOException {
        super(AFUNIXServerSocketChannel.open());
        this.fdQueueCapacity = fdQueueCapacity;
    }

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        AFUNIXSocketChannel accepted = ((AFUNIXServerSocketChannel) javaChannel()).accept();
        if (accepted == null) {
            return 0;
        }
        try {
            buf.add(new FdSocketChannel(this, accepted, fdQueueCapacity));
            return 1;
        } catch (RuntimeException e) {
            accepted.close();
            throw e;
        }
    }
}
