package io.shmward.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.shmward.server.core.Display;
import io.shmward.server.fd.FdCloser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The listening Wayland socket and the one event loop that serves it. Everything that touches protocol
 * state must run on {@link #eventLoop()}.
 */
public final class WaylandSocketServer implements AutoCloseable {

    private final SocketPlace place;
    private final SocketLock lock;
    private final EventLoopGroup group;
    private final Channel listener;

    private WaylandSocketServer(SocketPlace place, SocketLock lock, EventLoopGroup group, Channel listener) {
        this.place = place;
        this.lock = lock;
        this.group = group;
        this.listener = listener;
    }

    /**
     * Takes the socket's lock, binds, and starts serving. {@code displayFactory} runs on the event loop, so
     * the state it builds is owned by that thread from the start. Received fds are closed through
     * {@code closer}; what happens to them is reported to {@code observer}.
     */
    public static WaylandSocketServer start(SocketPlace place, TransportLimits limits, FdCloser closer,
                                            TransportObserver observer,
                                            java.util.function.Function<EventLoop, Display> displayFactory)
            throws IOException {
        SocketLock lock = SocketLock.acquire(place);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory(AFUNIXSelectorProvider.provider()));
        try {
            EventLoop loop = group.next();
            Display display = loop.submit(() -> displayFactory.apply(loop)).get();
            AFUNIXSocketAddress address = AFUNIXSocketAddress.of(place.socket().toFile());
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channelFactory((ChannelFactory<ServerChannel>) () -> {
                        try {
                            return new FdServerSocketChannel(address, limits, closer, observer);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ClientConnection(display, limits));
                        }
                    });
            // the channel arrives bound and listening, so registering it is all that is left
            Channel listener = bootstrap.register().sync().channel();
            return new WaylandSocketServer(place, lock, group, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, lock);
            throw new IOException("interrupted while binding " + place.socket(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            shutdown(group, lock);
            // the display factory refused its settings (a bad configuration): its message says which
            throw e.getCause() instanceof IllegalArgumentException bad ? new IOException(bad.getMessage(), bad)
                    : new IOException("cannot serve on " + place.socket() + ": " + e.getCause(), e.getCause());
        } catch (Exception e) {
            shutdown(group, lock);
            throw e instanceof IOException io ? io : new IOException("cannot serve on " + place.socket() + ": " + e, e);
        }
    }

    public SocketPlace place() {
        return place;
    }

    public EventLoop eventLoop() {
        return listener.eventLoop();
    }

    /** Stops accepting, closes every connection (releasing their objects), removes the socket. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        shutdown(group, lock);
    }

    private static void shutdown(EventLoopGroup group, SocketLock lock) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        lock.close();
    }
}
