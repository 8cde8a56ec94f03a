package io.shmward.client.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shmward.client.ConnectionClosedException;
import io.shmward.client.ServerError;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.DecodeError;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.wire.Direction;
import io.shmward.protocol.wire.FdSink;
import io.shmward.protocol.wire.FdSource;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.ObjectLookup;
import io.shmward.protocol.wire.Wire;
import io.shmward.protocol.wire.WireDecoder;
import io.shmward.protocol.wire.WireEncoder;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * One paced client's connection, non-blocking, on which only {@code wl_display.sync} is sent. It needs no
 * fds, so it is a JDK {@link SocketChannel} rather than a {@link io.shmward.client.WaylandClient}: the JDK's
 * epoll selector serves a thousand of them from one thread, where junixsocket's rebuilds a poll array at
 * every wake-up. Events are decoded with the protocol module's decoder; callback ids are reused once the
 * server's {@code delete_id} frees them, as libwayland-client reuses them.
 */
final class SyncConnection implements AutoCloseable, ObjectLookup {
    private static final Protocol PROTOCOL = Protocol.standard();
    private static final InterfaceSpec WL_DISPLAY = PROTOCOL.get("wl_display");
    private static final InterfaceSpec WL_CALLBACK = PROTOCOL.get("wl_callback");
    private static final MessageSpec SYNC = WL_DISPLAY.request("sync");
    private static final WireDecoder DECODER = new WireDecoder(Direction.EVENTS);
    private static final int DISPLAY_ID = 1;

    /** Told the intended send time of each round trip answered, in the order sent. */
    @FunctionalInterface
    interface Answers {
        void answered(long intendedNanos);
    }

    private final SocketChannel channel;
    private final ByteBuf in = Unpooled.buffer(64);
    private final ByteBuf out = Unpooled.buffer(64);
    private final PendingRoundTrips pending = new PendingRoundTrips();
    private final BitSet liveCallbacks = new BitSet();
    private final BitSet freeIds = new BitSet();
    private int nextFreshId = 2;
    private ServerError error;
    private SelectionKey key;

    private SyncConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects (blocking: a Unix socket's connect does not wait for the server to accept) and turns non-blocking. */
    static SyncConnection connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            return new SyncConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Registers for reading; the selected key's attachment is {@code attachment}. */
    void register(Selector selector, Object attachment) throws IOException {
        key = channel.register(selector, SelectionKey.OP_READ, attachment);
    }

    /** Sends one {@code wl_display.sync}, the round trip meant to start at {@code intendedNanos}. */
    void send(long intendedNanos) throws IOException {
        int id = freeIds.isEmpty() ? nextFreshId++ : freeIds.nextSetBit(0);
        freeIds.clear(id);
        liveCallbacks.set(id);
        WireEncoder.encode(out, new Message(DISPLAY_ID, SYNC, id), FdSink.REFUSE);
        pending.add(intendedNanos);
        flush();
    }

    /**
     * Writes what is queued; what the socket does not take now waits for it to be writable again (a
     * compositor that stops reading), while the schedule goes on queueing.
     */
    void flush() throws IOException {
        if (out.isReadable()) {
            try {
                out.skipBytes(channel.write(out.nioBuffer()));
            } catch (IOException e) {
                throw new ConnectionClosedException(error); // a broken pipe: the server has hung up
            }
            out.discardReadBytes();
        }
        key.interestOps(out.isReadable() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /**
     * Reads what has arrived, through {@code scratch}, and dispatches it: each {@code wl_callback.done} answers
     * the oldest round trip out. Throws {@link ConnectionClosedException} (with the protocol error sent
     * before, if any) when the server has closed the connection.
     */
    void read(ByteBuffer scratch, Answers answers) throws IOException {
        int n;
        do {
            scratch.clear();
            try {
                n = channel.read(scratch);
            } catch (IOException e) {
                n = -1; // reset by the server: the same as an orderly close for a client
            }
            if (n > 0) {
                in.writeBytes(scratch.flip());
            }
        } while (n > 0);
        dispatch(answers);
        if (n < 0) {
            throw new ConnectionClosedException(error);
        }
    }

    private void dispatch(Answers answers) throws IOException {
        while (true) {
            DecodeResult r = DECODER.decode(in, this, FdSource.NONE);
            if (r instanceof Message m) {
                onEvent(m, answers);
            } else if (r instanceof DecodeError e && e.kind() == DecodeError.Kind.UNKNOWN_OBJECT) {
                in.skipBytes(Wire.sizeField(in, in.readerIndex())); // as libwayland-client does
            } else if (r instanceof DecodeError e) {
                throw new IOException("the server sent a malformed event: " + e);
            } else {
                break;
            }
        }
        in.discardReadBytes();
    }

    private void onEvent(Message m, Answers answers) {
        if (m.objectId() != DISPLAY_ID) { // wl_callback.done, the only event a callback has
            liveCallbacks.clear(m.objectId());
            answers.answered(pending.remove());
        } else if (m.name().equals("delete_id")) {
            freeIds.set(m.intArg(0));
        } else if (m.name().equals("error")) {
            int on = m.intArg(0);
            error = new ServerError(on, on == DISPLAY_ID ? "wl_display" : "wl_callback", m.intArg(1), m.stringArg(2));
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The intended send time of the oldest round trip out; only asked when one is. */
    long oldestPending() {
        return pending.oldest();
    }

    @Override
    public InterfaceSpec interfaceOf(int id) {
        return id == DISPLAY_ID ? WL_DISPLAY : liveCallbacks.get(id) ? WL_CALLBACK : null;
    }

    @Override
    public int versionOf(int id) {
        return 1;
    }

    @Override
    public void close() throws IOException {
        in.release();
        out.release();
        channel.close();
    }
}
