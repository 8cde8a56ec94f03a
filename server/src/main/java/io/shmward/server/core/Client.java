package io.shmward.server.core;

import io.netty.buffer.ByteBuf;
import io.shmward.os.Fd;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import io.shmward.protocol.wire.ArgReader;
import io.shmward.protocol.wire.DecodeError;
import io.shmward.protocol.wire.DecodeResult;
import io.shmward.protocol.wire.Direction;
import io.shmward.protocol.wire.FdSource;
import io.shmward.protocol.wire.Message;
import io.shmward.protocol.wire.WaylandRequest;
import io.shmward.protocol.wire.WireDecoder;
import io.shmward.server.fd.FdCloser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: its objects, who it is, and the path every request takes: decoding into its
 * generated record, argument checks common to all interfaces, the object's handler, errors posted where
 * libwayland posts them, and the fds the handler did not take closed. After the first protocol error the client only waits to be closed, as in
 * libwayland, which sends one error per client.
 */
public final class Client {
    public static final int DISPLAY_ID = 1;
    /** libwayland formats error messages into a 128-byte buffer; longer ones are cut, NUL included. */
    static final int MAX_ERROR_MESSAGE_BYTES = 127;

    private static final Logger log = LoggerFactory.getLogger(Client.class);
    private static final WireDecoder DECODER = new WireDecoder(Direction.REQUESTS);

    /** Requests dispatched, for choosing which to time. */
    private int dispatched;
    private final Display display;
    private final PeerCredentials credentials;
    private final Outbox outbox;
    private final FdCloser.Account fds;
    private final ObjectMap objects;
    /** Reads this client's requests; between a decode and its dispatch it holds that request's header, ids and fds. */
    private final ArgReader args = new ArgReader();
    private final Map<Class<?>, Object> subsystemState = new HashMap<>();
    private DisconnectReason closing;
    private boolean released;
    private int errorsPosted;

    Client(Display display, PeerCredentials credentials, Outbox outbox, FdCloser.Account fds) {
        this.display = display;
        this.credentials = credentials;
        this.outbox = outbox;
        this.fds = fds;
        this.objects = new ObjectMap(display.objectBudget()::count);
        new DisplayResource(this);
    }

    /**
     * One request in this many is timed for the dispatch-time metric: reading the clock twice and recording
     * into a timer's histograms cost more than dispatching a {@code sync} does, and a sample gives the same
     * distribution.
     */
    public static final int TIMED_EVERY = 16;

    public Display display() {
        return display;
    }

    public PeerCredentials credentials() {
        return credentials;
    }

    public ObjectMap objects() {
        return objects;
    }

    /**
     * Per-client state a subsystem keeps (shm's limits, say), created on first use; the core never looks
     * inside it.
     */
    public <T> T state(Class<T> key, Supplier<T> create) {
        return key.cast(subsystemState.computeIfAbsent(key, k -> create.get()));
    }

    /** True once the client is being disconnected: it gets no more events and its requests are ignored. */
    public boolean isClosing() {
        return closing != null;
    }

    public int errorsPosted() {
        return errorsPosted;
    }

    /**
     * Decodes the next request at the front of {@code in} into its generated record, taking its fds from
     * {@code fds}: a {@link WaylandRequest} to pass to {@link #dispatch} before the next decode, a
     * {@link DecodeError} for {@link #reject}, or a request for more bytes.
     */
    public DecodeResult decode(ByteBuf in, FdSource fds) {
        return DECODER.decodeRequest(in, objects, fds, args);
    }

    /** Runs the request {@link #decode} just returned through the common checks and the target's handler. */
    public void dispatch(WaylandRequest request) {
        boolean timed = (++dispatched & (TIMED_EVERY - 1)) == 0;
        long start = timed ? System.nanoTime() : 0;
        MessageSpec spec = args.spec();
        try {
            if (closing != null) {
                return;
            }
            display.trace().request(this, args.objectId(), spec, request);
            Resource<?> target = objects.get(args.objectId());
            checkArguments();
            target.handle(request);
        } catch (ProtocolError e) {
            postError(e);
        } catch (RuntimeException | Error e) {
            // A bug of ours, or an Error such as a fault in an unsafe memory access, a stack overflow, a failed
            // allocation: it costs this client its connection, never the server or other clients.
            internalError("request " + spec, e);
        } finally {
            closeUntakenFds();
            display.observer().requestDispatched(this, spec, timed ? System.nanoTime() - start : CoreObserver.UNTIMED);
        }
    }

    /** The fds of the request just dispatched that its handler did not take: ours to give up. */
    private void closeUntakenFds() {
        int closed = 0;
        for (int i = 0; i < args.fdCount(); i++) {
            Fd fd = args.fd(i);
            if (!fd.isTaken()) {
                closeFd(fd.take());
                closed++;
            }
        }
        if (closed > 0) {
            display.observer().unclaimedFdsClosed(this, closed);
        }
    }

    /**
     * Something of ours failed while serving this client: logged at ERROR with the client, counted, and the
     * client gets wl_display's implementation error (its connection is all it costs).
     */
    public void internalError(String doing, Throwable e) {
        log.error("internal error in {} for {}", doing, credentials, e);
        display.observer().internalError(this, e);
        postError(ProtocolError.display("implementation", "internal error in " + doing)
                .because(DisconnectReason.INTERNAL_ERROR));
    }

    /**
     * Gives up an fd this client sent (one no object keeps, or one an object released). A shmem file is
     * closed at once; any other fd's close may wait on someone else and goes to a closer thread, and a
     * client with too many fds waiting there is disconnected.
     */
    public void closeFd(int fd) {
        if (!fds.close(fd)) {
            log.warn("{} has {} fds waiting for a close that blocks; disconnecting it", credentials, fds.waiting());
            disconnect(DisconnectReason.FD_QUARANTINE);
        }
    }

    /** Where this client's blocking or long work runs, its dispatch held meanwhile (see {@link OffLoop}). */
    public OffLoop offLoop() {
        return display.offLoop();
    }

    /** Stops dispatching this client's requests until {@link #resumeDispatch()}: off-loop work is pending. */
    void holdDispatch() {
        outbox.holdDispatch();
    }

    void resumeDispatch() {
        outbox.resumeDispatch();
    }

    /** A message the decoder refused: the error goes on wl_display and the client is disconnected. */
    public void reject(DecodeError error) {
        postError(ProtocolError.display(error.kind().displayError(), error.message()));
    }

    /**
     * Sends {@code wl_display.error} for {@code error} (only the first error per client, as libwayland) and
     * closes the connection once it is flushed.
     */
    public void postError(ProtocolError error) {
        if (closing != null) {
            return;
        }
        errorsPosted++;
        log.info("protocol error for {}: {}#{} {} ({}): {}", credentials, error.objectInterface().name(),
                Integer.toUnsignedString(error.objectId()), error.codeName(), error.code(), error.getMessage());
        send(new Message(DISPLAY_ID, CoreProtocol.DISPLAY_ERROR, error.objectId(), error.code(),
                truncate(error.getMessage())));
        display.observer().protocolErrorPosted(this, error);
        disconnect(error.reason());
    }

    /** Flushes what is queued and closes the connection; the client's objects are released when it is closed. */
    public void disconnect(DisconnectReason reason) {
        if (closing == null) {
            closing = reason;
            outbox.close(reason);
        }
    }

    /**
     * The connection is gone: release every object (no delete_id, nobody is listening) and forget the
     * client. Idempotent.
     */
    public void connectionClosed(DisconnectReason reasonIfUnknown) {
        if (released) {
            return;
        }
        released = true;
        DisconnectReason reason = closing != null ? closing : reasonIfUnknown;
        closing = reason;
        List<Resource<?>> all = objects.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            Resource<?> r = all.get(i);
            objects.remove(r.id());
            try {
                r.markDestroyed();
            } catch (RuntimeException e) {
                log.error("releasing {} of {} failed", r, credentials, e);
            }
        }
        display.forget(this);
        display.observer().clientDisconnected(this, reason);
    }

    void send(Message event) {
        if (closing != null) {
            for (int fd : event.unclaimedFds()) {
                closeFd(fd); // through the closer, as every fd we give up: it may be another client's file
            }
            return;
        }
        display.trace().event(this, event);
        outbox.send(event);
        display.observer().eventSent(this, event.spec());
    }

    /** An event with one int-like argument, or none: see {@link Outbox#sendInts}. */
    void sendInts(int objectId, MessageSpec event, int value) {
        if (closing != null) {
            return;
        }
        if (display.trace().on()) {
            display.trace().event(this, event.args().isEmpty() ? new Message(objectId, event)
                    : new Message(objectId, event, value));
        }
        outbox.sendInts(objectId, event, value);
        display.observer().eventSent(this, event);
    }

    void announceDeletedId(int id) {
        if (ObjectMap.isClientId(id)) {
            sendInts(DISPLAY_ID, CoreProtocol.DISPLAY_DELETE_ID, id);
        }
    }

    /**
     * What libwayland checks while demarshalling: object arguments name live objects of the declared
     * interface, new ids are fresh; all are {@code invalid_method} ("invalid arguments"). A client past its
     * object limit gets {@code no_memory}. The ids are the object and new_id words the reader noted, in
     * the order of the signature's object and new_id arguments.
     */
    private void checkArguments() throws ProtocolError {
        List<ArgSpec> signature = args.spec().args();
        int next = 0;
        for (int i = 0; i < signature.size(); i++) {
            ArgSpec arg = signature.get(i);
            if (arg.type() == ArgType.OBJECT) {
                int id = args.id(next++);
                if (id == 0) {
                    continue;
                }
                InterfaceSpec actual = objects.interfaceOf(id);
                if (actual == null) {
                    throw invalidArguments("unknown object " + Integer.toUnsignedString(id));
                }
                if (arg.interfaceName() != null && !arg.interfaceName().equals(actual.name())) {
                    throw invalidArguments("object " + Integer.toUnsignedString(id) + " is a "
                            + actual.name() + ", not a " + arg.interfaceName());
                }
            } else if (arg.type() == ArgType.NEW_ID) {
                int id = args.id(next++);
                if (!objects.isValidNewClientId(id)) {
                    throw invalidArguments("not a valid new object id (" + Integer.toUnsignedString(id) + ")");
                }
                if (objects.liveCount() >= display.maxObjectsPerClient()) {
                    throw ProtocolError.limitExceeded("object limit of " + display.maxObjectsPerClient());
                }
                display.objectBudget().check(1);
            }
        }
    }

    private ProtocolError invalidArguments(String why) {
        return ProtocolError.display("invalid_method", "invalid arguments for " + args.spec().interfaceName() + "#"
                + Integer.toUnsignedString(args.objectId()) + "." + args.spec().name() + ": " + why);
    }

    private static String truncate(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ERROR_MESSAGE_BYTES) {
            return message;
        }
        // Cut on a character boundary so the client never sees half a UTF-8 sequence.
        int end = MAX_ERROR_MESSAGE_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return credentials.toString();
    }
}
