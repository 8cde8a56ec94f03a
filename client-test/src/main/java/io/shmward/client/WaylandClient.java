package io.shmward.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shmward.os.Errno;
import io.shmward.os.Libc;
import io.shmward.os.MessageIo;
import io.shmward.os.UnixSockets;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.spec.Protocol;
import io.shmward.protocol.wire.DecodeError;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.wire.Direction;
import io.shmward.protocol.wire.FdSource;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.ObjectLookup;
import io.shmward.protocol.wire.Wire;
import io.shmward.protocol.wire.WireDecoder;
import io.shmward.protocol.wire.WireEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A blocking Wayland client connection. Not thread-safe: one thread sends and dispatches.
 *
 * <p>Events are read only when asked ({@link #dispatch}, {@link #roundtrip}, {@link #dispatchUntil});
 * each goes to its object's recorded list and listener. {@code wl_display.error} is remembered
 * ({@link #error()}) and {@code delete_id} frees ids for reuse, as libwayland-client does.
 */
public final class WaylandClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Protocol PROTOCOL = Protocol.standard();
    private static final InterfaceSpec WL_DISPLAY = PROTOCOL.get("wl_display");
    private static final WireDecoder DECODER = new WireDecoder(Direction.EVENTS);

    /** The connection's fd, in blocking mode; {@link MessageIo} never waits on it, {@link UnixSockets#poll} does. */
    private final int fd;
    /** recvmsg and sendmsg with fds, the same calls the server makes (one place for both peers). */
    private final MessageIo io = new MessageIo();
    /** Native room for outgoing bytes, grown to the largest write. */
    private final Arena arena = Arena.ofShared();
    private MemorySegment outBytes;
    private final Map<Integer, ClientObject> objects = new HashMap<>();
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private final ArrayDeque<Integer> receivedFds = new ArrayDeque<>();
    private final ByteBuf inBuf = Unpooled.directBuffer(8192);
    private final ClientObject display;
    private int nextId = 2;
    private ServerError error;
    private boolean closed;
    private boolean released;
    /** Requests held back while batching, sent in one write as libwayland-client's wl_display_flush does. */
    private ByteArrayOutputStream batched;
    private final List<Integer> batchedFds = new ArrayList<>();
    private int writeTimeoutMillis = (int) DEFAULT_TIMEOUT.toMillis();

    private WaylandClient(int fd) {
        this.fd = fd;
        this.outBytes = arena.allocate(4096);
        this.display = new ClientObject(this, 1, WL_DISPLAY, 1);
        objects.put(1, display);
        display.onEvent(this::onDisplayEvent);
    }

    public static WaylandClient connect(Path socketPath) throws IOException {
        return new WaylandClient(UnixSockets.connect(socketPath.toString()));
    }

    /** Connects where {@code WAYLAND_DISPLAY} (default wayland-0) and {@code XDG_RUNTIME_DIR} point. */
    public static WaylandClient connectToEnvironment() throws IOException {
        return connect(socketPath(System.getenv("WAYLAND_DISPLAY"), System.getenv("XDG_RUNTIME_DIR")));
    }

    /** libwayland-client's rule: an absolute display is a path, a name lives under XDG_RUNTIME_DIR. */
    public static Path socketPath(String display, String runtimeDir) throws IOException {
        String name = display == null || display.isEmpty() ? "wayland-0" : display;
        if (name.startsWith("/")) {
            return Path.of(name);
        }
        if (runtimeDir == null || runtimeDir.isEmpty()) {
            throw new IOException("XDG_RUNTIME_DIR is not set, so display '" + name + "' cannot be found");
        }
        return Path.of(runtimeDir, name);
    }

    public ClientObject display() {
        return display;
    }

    /** Allocates the next free id for a new object of {@code spec}. */
    public ClientObject allocate(InterfaceSpec spec, int version) {
        int id = freeIds.isEmpty() ? nextId++ : freeIds.pop();
        return adopt(id, spec, version);
    }

    /**
     * Takes {@code count} consecutive fresh ids for requests the caller writes by hand (floods), so later
     * objects of this client never collide with them; returns the first.
     */
    public int reserveIds(int count) {
        int first = nextId;
        nextId += count;
        return first;
    }

    /** An object under an id of the caller's choosing (for clients that break the id rules on purpose). */
    public ClientObject adopt(int id, InterfaceSpec spec, int version) {
        ClientObject o = new ClientObject(this, id, spec, version);
        objects.put(id, o);
        return o;
    }

    /**
     * Sends {@code request} on {@code target}, creating the object of its (typed) new_id argument, which
     * goes in {@code args} as null; returns that object.
     */
    public ClientObject create(ClientObject target, String request, Object... args) throws IOException {
        MessageSpec spec = target.spec().request(request);
        List<ArgSpec> argSpecs = spec.args();
        ClientObject created = null;
        Object[] filled = args.clone();
        for (int i = 0; i < argSpecs.size(); i++) {
            ArgSpec a = argSpecs.get(i);
            if (a.type() == ArgType.NEW_ID && !a.isUntypedNewId()) {
                created = allocate(PROTOCOL.get(a.interfaceName()), target.version());
                filled[i] = created.id();
            }
        }
        if (created == null) {
            throw new IllegalArgumentException(spec + " creates no object");
        }
        send(target, request, filled);
        return created;
    }

    /** Encodes and sends one request; fd arguments are sent with it (and stay the caller's to close). */
    public void send(ClientObject target, String request, Object... args) throws IOException {
        MessageSpec spec = target.spec().request(request);
        ByteBuf buf = Unpooled.buffer(64);
        List<Integer> fds = new ArrayList<>();
        WireEncoder.encode(buf, new Message(target.id(), spec, args), fds::add);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        if (batched != null) {
            batched.writeBytes(bytes);
            batchedFds.addAll(fds);
        } else {
            sendRaw(bytes, fds.stream().mapToInt(Integer::intValue).toArray());
        }
        if (spec.destructor()) {
            target.markDestroyed();
        }
    }

    /**
     * Holds back the requests sent until the returned batch is closed, then writes them at once, as a real
     * client's requests reach the socket at {@code wl_display_flush}: one system call for a frame's attach,
     * damage and commit, not three.
     */
    public Batch batch() {
        if (batched != null) {
            throw new IllegalStateException("already batching");
        }
        batched = new ByteArrayOutputStream(256);
        return this::flushBatch;
    }

    /** Requests held back by {@link #batch()}; closing sends them. */
    public interface Batch extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private void flushBatch() throws IOException {
        byte[] bytes = batched.toByteArray();
        int[] fds = batchedFds.stream().mapToInt(Integer::intValue).toArray();
        batched = null;
        batchedFds.clear();
        if (bytes.length > 0) {
            sendRaw(bytes, fds);
        }
    }

    /**
     * How long a write may wait for a server that stopped reading before it fails with
     * {@link SocketTimeoutException}; floods use a short one to notice a server pushing back.
     */
    public void setWriteTimeout(Duration timeout) {
        writeTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** The process id of the server, from the socket's peer credentials (SO_PEERCRED). */
    public long serverPid() throws IOException {
        UnixSockets.PeerCredentials c = UnixSockets.peerCredentials(fd);
        if (c == null) {
            throw new IOException("the kernel would not say who the server is");
        }
        return c.pid();
    }

    /**
     * Writes {@code bytes} as they are, with {@code fds} riding on the same write. When the server has hung
     * up (it does right after a protocol error, so a client still sending meets a broken pipe), reads what
     * the server sent before closing, as libwayland-client does, and throws {@link ConnectionClosedException}
     * with its error.
     */
    public void sendRaw(byte[] bytes, int... fds) throws IOException {
        if (closed) {
            throw new ConnectionClosedException(error);
        }
        if (fds.length > MessageIo.MAX_FDS) {
            throw new IllegalArgumentException("the kernel passes at most " + MessageIo.MAX_FDS + " fds per write");
        }
        if (outBytes.byteSize() < bytes.length) {
            outBytes = arena.allocate(bytes.length);
        }
        MemorySegment.copy(bytes, 0, outBytes, ValueLayout.JAVA_BYTE, 0, bytes.length);
        long deadline = System.nanoTime() + writeTimeoutMillis * 1_000_000L;
        long written = 0;
        boolean fdsSent = fds.length == 0;
        while (written < bytes.length) {
            long n = io.send(fd, outBytes.address() + written, bytes.length - written, fds, 0, fdsSent ? 0 : fds.length);
            if (n > 0) {
                written += n;
                fdsSent = true; // they rode on the first byte
            } else if (n == -Errno.EAGAIN) {
                // the server is not reading (see setWriteTimeout); the connection lives
                awaitReady(UnixSockets.POLLOUT, deadline, "the server took no bytes for " + writeTimeoutMillis + " ms");
            } else {
                // the server has closed the connection; what it said before that is still in the socket
                drainAfterServerClosed();
                throw new ConnectionClosedException(error);
            }
        }
    }

    /** Waits for {@code events} until {@code deadline}; {@link SocketTimeoutException} once it passes. */
    private void awaitReady(short events, long deadline, String timeoutMessage) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || UnixSockets.poll(fd, events, (int) Math.max(1, left / 1_000_000)) == 0) {
            throw new SocketTimeoutException(timeoutMessage);
        }
    }

    private void drainAfterServerClosed() {
        closed = true;
        while (receive() > 0) {
            // keep what the server sent before it hung up
        }
        dispatchBuffered();
    }

    /** One recvmsg into the input buffer: the bytes read, 0 at end of stream, or -errno. */
    private long receive() {
        inBuf.ensureWritable(4096);
        long n = io.receive(fd, inBuf.memoryAddress() + inBuf.writerIndex(), inBuf.writableBytes());
        for (int i = 0; i < io.receivedFdCount(); i++) {
            receivedFds.add(io.receivedFd(i));
        }
        if (n > 0) {
            inBuf.writerIndex(inBuf.writerIndex() + (int) n);
        }
        return n;
    }

    /** Sends {@code wl_display.sync} and dispatches until its callback is done. */
    public void roundtrip() throws IOException {
        roundtrip(DEFAULT_TIMEOUT);
    }

    public void roundtrip(Duration timeout) throws IOException {
        ClientObject callback = create(display, "sync", (Object) null);
        dispatchUntil(callback::isDestroyed, timeout);
    }

    /**
     * Reads and dispatches events until {@code done} holds. Throws {@link ConnectionClosedException} when the
     * server closes first, and {@link SocketTimeoutException} when {@code timeout} passes.
     */
    public void dispatchUntil(BooleanSupplier done, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer from the server within " + timeout);
            }
            dispatch(Duration.ofNanos(left));
        }
    }

    /**
     * Waits up to {@code timeout} for bytes, then dispatches every whole event buffered. Returns false on
     * timeout; throws {@link ConnectionClosedException} at end of stream.
     */
    public boolean dispatch(Duration timeout) throws IOException {
        return dispatchWithin((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** {@link #dispatch(Duration)} with the wait in milliseconds; 0 takes only what is there. */
    private boolean dispatchWithin(int millis) throws IOException {
        if (closed) {
            throw new ConnectionClosedException(error);
        }
        if (UnixSockets.poll(fd, UnixSockets.POLLIN, millis) == 0) {
            return false;
        }
        long n = receive();
        if (n == 0 || (n < 0 && n != -Errno.EAGAIN)) {
            closed = true; // a reset by the server is the same as an orderly close for a client
            dispatchBuffered();
            throw new ConnectionClosedException(error);
        }
        dispatchBuffered();
        return true;
    }

    /**
     * Dispatches what has already arrived without waiting for more: one thread can keep many connections
     * served (answering pings, say) by calling this on each in turn.
     */
    public void dispatchAvailable() throws IOException {
        if (!closed) {
            dispatchWithin(0);
        }
    }

    /** Waits until the server closes the connection; returns the error it sent, or null. */
    public ServerError awaitDisconnect(Duration timeout) throws IOException {
        try {
            dispatchUntil(() -> false, timeout);
        } catch (ConnectionClosedException e) {
            return e.error();
        }
        throw new AssertionError("unreachable");
    }

    /** The connection's own fd number (for clients that misuse it on purpose). */
    public int socketFd() {
        return fd;
    }

    /** The protocol error the server sent, or null. */
    public ServerError error() {
        return error;
    }

    public boolean isClosed() {
        return closed;
    }

    public ClientObject object(int id) {
        return objects.get(id);
    }

    /** Binds the registry and collects the globals with one round trip. */
    public ClientRegistry registry() throws IOException {
        ClientObject registry = create(display, "get_registry", (Object) null);
        ClientRegistry r = new ClientRegistry(this, registry);
        roundtrip();
        return r;
    }

    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        closed = true;
        inBuf.release();
        while (!receivedFds.isEmpty()) {
            Libc.closeQuietly(receivedFds.pop());
        }
        Libc.closeQuietly(fd);
        io.close();
        arena.close();
    }

    private void dispatchBuffered() {
        ObjectLookup lookup = new ObjectLookup() {
            @Override
            public InterfaceSpec interfaceOf(int id) {
                ClientObject o = objects.get(id);
                return o == null ? null : o.spec();
            }

            @Override
            public int versionOf(int id) {
                return objects.get(id).version();
            }
        };
        FdSource fdSource = new FdSource() {
            @Override
            public int available() {
                return receivedFds.size();
            }

            @Override
            public int take() {
                return receivedFds.pop();
            }
        };
        while (true) {
            DecodeResult r = DECODER.decode(inBuf, lookup, fdSource);
            if (r instanceof Message m) {
                objects.get(m.objectId()).deliver(m);
            } else if (r instanceof DecodeError e && e.kind() == DecodeError.Kind.UNKNOWN_OBJECT) {
                // an event for an object we already forgot: skip it, as libwayland-client does
                inBuf.skipBytes(Wire.sizeField(inBuf, inBuf.readerIndex()));
            } else if (r instanceof DecodeError e) {
                throw new IllegalStateException("server sent a malformed event: " + e);
            } else {
                break;
            }
        }
        inBuf.discardReadBytes();
    }

    private void onDisplayEvent(Message m) {
        switch (m.name()) {
            case "error" -> {
                int objectId = m.intArg(0);
                ClientObject o = objects.get(objectId);
                error = new ServerError(objectId, o == null ? "?" : o.spec().name(), m.intArg(1), m.stringArg(2));
            }
            case "delete_id" -> {
                int id = m.intArg(0);
                if (objects.remove(id) != null) {
                    freeIds.push(id);
                }
            }
            default -> {
            }
        }
    }
}
