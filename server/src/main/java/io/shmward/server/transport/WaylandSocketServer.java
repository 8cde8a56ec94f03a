package io.shmward.server.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.shmward.server.core.Display;
import io.shmward.server.fd.FdCloser;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The listening Wayland socket and the one event loop that serves it. Everything that touches protocol
 * state must run on {@link #eventLoop()}.
 */
public final class WaylandSocketServer implements AutoCloseable {

    private final SocketPlace place;
    private final SocketLock lock;
    private final EventLoopGroup group;
    private final IoEventLoop loop;
    private final WaylandListener listener;

    private WaylandSocketServer(SocketPlace place, SocketLock lock, EventLoopGroup group, IoEventLoop loop,
                                WaylandListener listener) {
        this.place = place;
        this.lock = lock;
        this.group = group;
        this.loop = loop;
        this.listener = listener;
    }

    /**
     * Takes the socket's lock, binds, and starts serving. {@code displayFactory} runs on the event loop, so
     * the state it builds is owned by that thread from the start. Received fds are closed through
     * {@code closer}; what happens to them is reported to {@code observer}.
     */
    public static WaylandSocketServer start(SocketPlace place, TransportLimits limits, FdCloser closer,
                                            TransportObserver observer, Function<EventLoop, Display> displayFactory)
            throws IOException {
        SocketLock lock = SocketLock.acquire(place);
        EpollIoHandler.Factory handlers = new EpollIoHandler.Factory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handlers);
        try {
            IoEventLoop loop = (IoEventLoop) group.next();
            WaylandListener listener = loop.submit(() -> WaylandListener.open(place.socket().toString(), loop,
                    handlers.made(), displayFactory.apply(loop), limits, closer, observer)).get();
            return new WaylandSocketServer(place, lock, group, loop, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, lock);
            throw new IOException("interrupted while binding " + place.socket(), e);
        } catch (ExecutionException e) {
            shutdown(group, lock);
            // the display factory refused its settings (a bad configuration): its message says which
            throw e.getCause() instanceof IllegalArgumentException bad ? new IOException(bad.getMessage(), bad)
                    : e.getCause() instanceof IOException io ? io
                    : new IOException("cannot serve on " + place.socket() + ": " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            shutdown(group, lock);
            throw new IOException("cannot serve on " + place.socket() + ": " + e, e);
        }
    }

    public SocketPlace place() {
        return place;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** Stops accepting, closes every connection (releasing their objects), removes the socket. */
    @Override
    public void close() {
        loop.submit(listener::close).syncUninterruptibly();
        shutdown(group, lock);
    }

    private static void shutdown(EventLoopGroup group, SocketLock lock) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        lock.close();
    }
}
