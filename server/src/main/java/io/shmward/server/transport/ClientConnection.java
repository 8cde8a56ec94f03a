package io.shmward.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.shmward.protocol.wire.DecodeError;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.wire.FdSink;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.WaylandRequest;
import io.shmward.protocol.wire.WireEncoder;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.Display;
import io.shmward.server.core.Outbox;
import io.shmward.server.core.PeerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's one handler for a client connection: bytes accumulate, whole messages are decoded with
 * the client's object map and fd queue and dispatched in order; the events they cause are encoded into
 * one buffer and written once per read batch. Enforces the fd-queue and outgoing-bytes bounds.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** A client that will not take its last events is closed anyway after this long. */
    private static final long CLOSE_GRACE_MILLIS = 1000;
    /** How long one client's requests may run before the loop turns to the others. */
    private static final long SLICE_NANOS = 2_000_000;

    private final Display display;
    private final TransportLimits limits;
    private FdSocketChannel channel;
    /** Where encoded events' fds go: the channel's outbound queue (bound once, not per event). */
    private FdSink outboundFds;
    private Client client;
    private ByteBuf in;
    private ByteBuf out;
    private boolean flushScheduled;
    /** Between a read and its channelReadComplete, which flushes: events sent meanwhile need no flush task. */
    private boolean inReadBatch;
    /** Reading is paused because this client used up its time slice; a queued task resumes it. */
    private boolean paused;
    /** Off-loop work for this client is pending: nothing more of its is dispatched until it is done. */
    private int holds;
    private boolean released;

    ClientConnection(Display display, TransportLimits limits) {
        this.display = display;
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = (FdSocketChannel) ctx.channel();
        outboundFds = channel::queueOutboundFd;
        in = ctx.alloc().buffer(4096);
        client = display.connect(credentialsOf(channel), this, channel.fdAccount());
        log.debug("client connected: {}", client);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadBatch = true;
        ByteBuf bytes = (ByteBuf) msg;
        try {
            in.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        if (channel.inboundFds().overflowed()) {
            log.warn("{} sent more fds than messages take: past its {} (limits.fd-queue) or all clients' {} "
                    + "(limits.total-fd-queue)", client, limits.fdQueueCapacity(), limits.totalFdQueue());
            client.disconnect(DisconnectReason.LIMIT_EXCEEDED);
            return;
        }
        if (!paused && holds == 0) {
            drain();
        }
    }

    /**
     * Dispatches the whole messages buffered, but for one time slice at most: a client that pipelines
     * expensive requests (commits of huge buffers) must not hold the one event loop while others wait. Past
     * the slice, reading this client pauses and the rest is dispatched from a task queued behind the other
     * clients' I/O.
     */
    private void drain() {
        long deadline = System.nanoTime() + SLICE_NANOS;
        FdQueue fds = channel.inboundFds();
        while (!client.isClosing()) {
            DecodeResult result = client.decode(in, fds);
            if (result instanceof WaylandRequest request) {
                client.dispatch(request);
                if (holds > 0) {
                    return; // the rest waits for the off-loop work; resumeDispatch picks it up
                }
                if (System.nanoTime() > deadline && in.isReadable()) {
                    pause();
                    return;
                }
            } else if (result instanceof DecodeError e) {
                client.reject(e);
            } else {
                break;
            }
        }
        in.discardReadBytes();
    }

    /**
     * Stops reading this client and resumes it on the loop's next turn. Scheduled, not executed: Netty runs
     * plain tasks for up to a second (checking the clock every 64 tasks) before it polls I/O again, so a
     * resume that queued the next resume would chain a storm of expensive requests past every other
     * client; a scheduled task is taken into the task queue only when a new turn starts, after its I/O.
     */
    private void pause() {
        paused = true;
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(this::resume, 0, TimeUnit.NANOSECONDS);
    }

    private void resume() {
        if (released || holds > 0) {
            return;
        }
        paused = false;
        drain();
        flush();
        if (!paused && holds == 0 && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void holdDispatch() {
        holds++;
        channel.config().setAutoRead(false);
    }

    /** The last resume is scheduled like a slice's: behind the other clients' I/O (see {@link #pause()}). */
    @Override
    public void resumeDispatch() {
        if (--holds == 0) {
            pause();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBatch = false;
        flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.connectionClosed(DisconnectReason.CLEAN);
        released = true;
        in.release();
        if (out != null) {
            out.release();
            out = null;
        }
        log.debug("client gone: {}", client);
    }

    /**
     * A socket error ends the connection quietly, as io-error. Anything else that reaches here escaped our
     * own code (the dispatcher catches what handlers throw): a bug, reported as one.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (client == null) {
            log.error("connection failed before its client existed", cause);
            ctx.close();
            return;
        }
        if (cause instanceof IOException) {
            log.debug("connection of {} failed: {}", client, cause.toString());
            client.connectionClosed(DisconnectReason.IO_ERROR);
            ctx.close();
        } else {
            client.internalError("the connection's pipeline", cause);
        }
    }

    @Override
    public void send(Message event) {
        if (out == null) {
            out = channel.alloc().directBuffer(256);
        }
        WireEncoder.encode(out, event, outboundFds);
        if (!flushScheduled && !inReadBatch) {
            // Events raised outside a read batch (timers, other clients) still go out promptly.
            flushScheduled = true;
            channel.eventLoop().execute(this::flush);
        }
    }

    @Override
    public void close(DisconnectReason reason) {
        if (out != null && out.isReadable()) {
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            out = null;
        } else {
            channel.close();
        }
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        flushScheduled = false;
        if (out == null || !out.isReadable() || !channel.isOpen()) {
            return;
        }
        channel.writeAndFlush(out, channel.voidPromise());
        out = null;
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > limits.maxOutgoingBytes()) {
            log.warn("{} stopped reading: more than {} bytes of events queued", client, limits.maxOutgoingBytes());
            client.connectionClosed(DisconnectReason.BACK_PRESSURE);
            channel.close();
        }
    }

    private static PeerCredentials credentialsOf(FdSocketChannel channel) {
        AFUNIXSocketCredentials c = channel.peerCredentials();
        if (c == null) {
            return PeerCredentials.UNKNOWN;
        }
        int pid = (int) c.getPid();
        return new PeerCredentials(pid, (int) c.getUid(), (int) c.getGid(), commandOf(pid));
    }

    private static String commandOf(int pid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
