package io.shmward.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.shmward.os.Epoll;
import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.MessageIo;
import io.shmward.os.UnixSockets;
import io.shmward.protocol.wire.DecodeError;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.WaylandRequest;
import io.shmward.protocol.wire.Wire;
import io.shmward.protocol.wire.WireEncoder;
import io.shmward.server.core.Client;
import io.shmward.server.core.DisconnectReason;
import io.shmward.server.core.Display;
import io.shmward.server.core.Outbox;
import io.shmward.server.core.PeerCredentials;
import io.shmward.server.core.SharedBudget;
import io.shmward.server.fd.FdCloser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's socket: bytes and fds in with one {@code recvmsg} per wake-up, whole messages decoded with
 * the client's object map and fd queue and dispatched in order, the events they cause encoded into one
 * buffer and written with {@code sendmsg} once per batch, fds riding with the bytes of their messages.
 * Enforces the fd-queue and outgoing-bytes bounds and the fairness slice.
 *
 * <p>Buffers are lent by the loop's {@link BufferStash} and go back whenever they are empty, so an idle
 * client holds none. The input buffer never grows: no message is larger than {@link Wire#MAX_MESSAGE_SIZE}
 * and the buffer holds two, so after a drain there is always room for the rest of a partial message.
 */
final class ClientConnection implements EpollHandle, Outbox, EpollIoHandler.Flushable {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** A client that will not take its last events is closed anyway after this long. */
    private static final long CLOSE_GRACE_MILLIS = 1000;
    /** Output already taken by a slow client is dropped from the buffer's front past this many bytes. */
    private static final int COMPACT_AT = 64 * 1024;
    /** How long one client's requests may run before the loop turns to the others. */
    private static final long SLICE_NANOS = 2_000_000;

    private final int fd;
    private final IoEventLoop loop;
    private final Display display;
    private final TransportLimits limits;
    private final FdCloser.Account fds;
    private final TransportObserver observer;
    private final FdQueue inbound;
    private final OutboundFds outbound;
    private final Runnable resume = this::resume;
    private EpollIoHandler.Registration registration;
    private MessageIo io;
    private BufferStash buffers;
    private Client client;
    private ByteBuf in;
    private ByteBuf out;
    /** Queued for a flush at the end of the loop's turn. */
    private boolean flushQueued;
    /** Between a read and its flush: events sent meanwhile need no flush of their own. */
    private boolean inReadBatch;
    /** Reading is paused because this client used up its time slice; a queued task resumes it. */
    private boolean paused;
    /** Off-loop work for this client is pending: nothing more of its is dispatched until it is done. */
    private int holds;
    /** Closing: nothing more is read; what is queued goes out, then the socket closes. */
    private boolean closing;
    private boolean closed;

    ClientConnection(int fd, IoEventLoop loop, Display display, TransportLimits limits, FdCloser.Account fds,
                     SharedBudget queuedFds, TransportObserver observer) {
        this.fd = fd;
        this.loop = loop;
        this.display = display;
        this.limits = limits;
        this.fds = fds;
        this.observer = observer;
        this.inbound = new FdQueue(limits.fdQueueCapacity(), queuedFds, fds, observer);
        this.outbound = new OutboundFds(fds);
    }

    /** Registered: the client exists from now on and its requests are read. */
    void start(EpollIoHandler.Registration registration) {
        this.registration = registration;
        this.io = registration.handler().io();
        this.buffers = registration.handler().buffers();
        client = display.connect(credentialsOf(fd), this, fds);
        log.debug("client connected: {}", client);
        updateInterest();
    }

    /** Registration failed: nothing of this connection was served. */
    void abandon() {
        Libc.closeQuietly(fd);
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        int bits = ((EpollIoHandler.EpollEvent) event).bits();
        try {
            if ((bits & (Epoll.OUT | Epoll.ERR | Epoll.HUP)) != 0 && hasOutput()) {
                flush();
            }
            if (!closed && (bits & (Epoll.IN | Epoll.ERR | Epoll.HUP)) != 0 && reading()) {
                read();
            }
        } catch (RuntimeException | Error e) {
            client.internalError("the connection", e);
        }
    }

    private boolean reading() {
        return !closing && !paused && holds == 0;
    }

    private void read() {
        if (in == null) {
            in = buffers.take();
        }
        long n = io.receive(fd, in.memoryAddress() + in.writerIndex(), in.writableBytes());
        takeReceivedFds();
        if (n > 0) {
            in.writerIndex(in.writerIndex() + (int) n);
        } else if (n == 0) {
            closeNow(DisconnectReason.CLEAN);
            return;
        } else if (n != -Errno.EAGAIN) {
            failed(n);
            return;
        }
        if (inbound.overflowed()) {
            log.warn("{} sent more fds than messages take: past its {} (limits.fd-queue) or all clients' {} "
                    + "(limits.total-fd-queue)", client, limits.fdQueueCapacity(), limits.totalFdQueue());
            client.disconnect(DisconnectReason.LIMIT_EXCEEDED);
            return;
        }
        drainBatch();
    }

    /** Dispatches what is buffered as one batch: the events it causes go out in one write at its end. */
    private void drainBatch() {
        inReadBatch = true;
        try {
            drain();
        } finally {
            inReadBatch = false;
        }
        flush();
    }

    private void takeReceivedFds() {
        int count = io.receivedFdCount();
        for (int i = 0; i < count; i++) {
            observer.fdReceived();
            int received = io.receivedFd(i);
            if (inbound.overflowed()) {
                fds.close(received); // the client is being dropped; keep nothing more of its
                observer.fdClosed();
            } else {
                inbound.offer(received);
            }
        }
    }

    /**
     * Dispatches the whole messages buffered, but for one time slice at most: a client that pipelines
     * expensive requests (commits of huge buffers) must not hold the one event loop while others wait. Past
     * the slice, reading this client pauses and the rest is dispatched from a task queued behind the other
     * clients' I/O.
     */
    private void drain() {
        if (in == null) {
            return;
        }
        long deadline = 0; // the clock is read only for a batch of more than one request (a lone sync never)
        while (!client.isClosing()) {
            DecodeResult result = client.decode(in, inbound);
            if (result instanceof WaylandRequest request) {
                if (deadline == 0 && in.isReadable()) {
                    deadline = System.nanoTime() + SLICE_NANOS;
                }
                client.dispatch(request);
                if (closed) {
                    return; // the request closed the connection (a protocol error whose event went out at once)
                }
                if (holds > 0) {
                    return; // the rest waits for the off-loop work; resumeDispatch picks it up
                }
                if (deadline != 0 && in.isReadable() && System.nanoTime() > deadline) {
                    pause();
                    return;
                }
            } else if (result instanceof DecodeError e) {
                client.reject(e);
            } else {
                break;
            }
        }
        if (closed) {
            return;
        }
        if (in.isReadable()) {
            in.discardReadBytes();
        } else {
            buffers.giveBack(in);
            in = null;
        }
    }

    /**
     * Stops reading this client and resumes it on the loop's next turn. Scheduled, not executed: Netty runs
     * plain tasks for up to a second (checking the clock every 64 tasks) before it polls I/O again, so a
     * resume that queued the next resume would chain a storm of expensive requests past every other
     * client; a scheduled task is taken into the task queue only when a new turn starts, after its I/O.
     */
    private void pause() {
        paused = true;
        updateInterest();
        loop.schedule(resume, 0, TimeUnit.NANOSECONDS);
    }

    private void resume() {
        if (closed || holds > 0) {
            return;
        }
        paused = false;
        drainBatch(); // its flush sets the interest for reading again
    }

    @Override
    public void holdDispatch() {
        holds++;
        updateInterest();
    }

    /** The last resume is scheduled like a slice's: behind the other clients' I/O (see {@link #pause()}). */
    @Override
    public void resumeDispatch() {
        if (--holds == 0 && !closed) {
            pause();
        }
    }

    @Override
    public void send(Message event) {
        ByteBuf buffer = output();
        outbound.messageStartsAt(buffer.writerIndex());
        WireEncoder.encode(buffer, event, outbound);
        queued();
    }

    @Override
    public void sendInts(int objectId, MessageSpec event, int value) {
        WireEncoder.encodeInts(output(), objectId, event, value);
        queued();
    }

    private ByteBuf output() {
        if (out == null) {
            out = buffers.take();
        }
        return out;
    }

    /** Events raised outside a read batch (timers, other clients) go out before the loop sleeps. */
    private void queued() {
        if (!flushQueued && !inReadBatch) {
            flushQueued = true;
            registration.handler().flushBeforeSleep(this);
        }
    }

    @Override
    public void close(DisconnectReason reason) {
        if (closing) {
            return;
        }
        closing = true;
        flush();
        if (!closed) {
            updateInterest();
            loop.schedule(() -> closeNow(DisconnectReason.CLEAN), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private boolean hasOutput() {
        return (out != null && out.isReadable()) || outbound.pending() > 0;
    }

    /** Writes what is queued, as far as the socket takes it; the rest waits for the socket to drain. */
    @Override
    public void flush() {
        flushQueued = false;
        if (closed) {
            return;
        }
        while (out != null && out.isReadable()) {
            int count = outbound.nextBatchSize();
            int bytes = outbound.bytesForBatch(count, out.readerIndex(), out.writerIndex());
            long n = io.send(fd, out.memoryAddress() + out.readerIndex(), bytes, outbound.fds(), outbound.sent(), count);
            if (n > 0) {
                out.skipBytes((int) n);
                outbound.batchSent(count);
            } else if (n == -Errno.EAGAIN) {
                break;
            } else {
                failed(n);
                return;
            }
        }
        if (out != null && !out.isReadable()) {
            buffers.giveBack(out);
            out = null;
            outbound.clear();
        } else if (out != null && out.readerIndex() >= COMPACT_AT) {
            // a client that reads slowly: give back what it took, or the buffer only ever grows
            int taken = out.readerIndex();
            out.discardReadBytes();
            outbound.shift(taken);
        }
        if (closing && !hasOutput()) {
            closeNow(DisconnectReason.CLEAN);
            return;
        }
        if (out != null && out.readableBytes() > limits.maxOutgoingBytes()) {
            log.warn("{} stopped reading: more than {} bytes of events queued", client, limits.maxOutgoingBytes());
            closeNow(DisconnectReason.BACK_PRESSURE);
            return;
        }
        updateInterest();
    }

    /** A socket call failed with {@code -errno}: the connection ends, as io-error. */
    private void failed(long minusErrno) {
        log.debug("connection of {} failed: {}", client, Libc.strerror((int) -minusErrno));
        closeNow(DisconnectReason.IO_ERROR);
    }

    private void updateInterest() {
        if (!closed) {
            registration.submit(EpollIoHandler.Interest.of(reading(), hasOutput()));
        }
    }

    /** Netty's loop is shutting down. */
    @Override
    public void close() {
        closeNow(DisconnectReason.CLEAN);
    }

    /** Closes the socket and releases the client with every fd and buffer it held. */
    private void closeNow(DisconnectReason reasonIfUnknown) {
        if (closed) {
            return;
        }
        closed = true;
        registration.cancel();
        Libc.closeQuietly(fd); // our end of a socket: closing it never waits on the client
        client.connectionClosed(reasonIfUnknown);
        if (in != null) {
            buffers.giveBack(in);
            in = null;
        }
        if (out != null) {
            buffers.giveBack(out);
            out = null;
        }
        inbound.closeAll();
        outbound.closeAll();
        log.debug("client gone: {}", client);
    }

    private static PeerCredentials credentialsOf(int fd) {
        UnixSockets.PeerCredentials c = UnixSockets.peerCredentials(fd);
        if (c == null) {
            return PeerCredentials.UNKNOWN;
        }
        return new PeerCredentials(c.pid(), c.uid(), c.gid(), commandOf(c.pid()));
    }

    private static String commandOf(int pid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public String toString() {
        return "connection fd " + fd + (client != null ? " of " + client : "");
    }
}
