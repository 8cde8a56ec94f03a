package io.shmward.protocol.wire;

import io.shmward.os.Fd;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.MessageSpec;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A decoded (or to-be-encoded) message: the object it is addressed to, its signature, and its argument
 * values. Values by type: int, uint, fixed, object, typed new_id and fd are {@link Integer}s (object 0 is
 * null, fixed is the raw 24.8 word), string is a {@link String} or null, array a {@code byte[]}, and an
 * untyped new_id a {@link NewObject}.
 *
 * <p>File descriptors are owned by the message until a handler {@linkplain #claimFd claims} one; whoever
 * finishes with the message closes the {@linkplain #unclaimedFds unclaimed} rest, so an fd can never be
 * dropped on the floor by a handler that returns early.
 */
public final class Message implements DecodeResult {
    private final int objectId;
    private final MessageSpec spec;
    private final Object[] args;
    private long claimedFdMask;

    public Message(int objectId, MessageSpec spec, Object... args) {
        if (args.length != spec.args().size()) {
            throw new IllegalArgumentException(spec + " takes " + spec.args().size() + " arguments, got " + args.length);
        }
        this.objectId = objectId;
        this.spec = spec;
        this.args = args;
    }

    /**
     * The dynamic form of a decoded request, for what must show any message alike (the trace). Reads the
     * record's components reflectively, so it is for cold paths only; an fd shows as its number.
     */
    public static Message ofRequest(int objectId, MessageSpec spec, WaylandRequest request) {
        RecordComponent[] components = request.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            Object value;
            try {
                value = components[i].getAccessor().invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + components[i] + " of " + spec, e);
            }
            args[i] = value instanceof Fd fd ? (Object) fd.raw() : value;
        }
        return new Message(objectId, spec, args);
    }

    public int objectId() {
        return objectId;
    }

    public MessageSpec spec() {
        return spec;
    }

    public int opcode() {
        return spec.opcode();
    }

    public String name() {
        return spec.name();
    }

    public Object arg(int index) {
        return args[index];
    }

    /** int, uint, fixed (raw), object id (0 = null) or typed new_id. */
    public int intArg(int index) {
        return (Integer) args[index];
    }

    public String stringArg(int index) {
        return (String) args[index];
    }

    public byte[] arrayArg(int index) {
        return (byte[]) args[index];
    }

    public NewObject newObjectArg(int index) {
        return (NewObject) args[index];
    }

    /** Takes ownership of the fd argument at {@code index}: the caller must close it from now on. */
    public int claimFd(int index) {
        if (spec.args().get(index).type() != ArgType.FD) {
            throw new IllegalArgumentException(spec + " argument " + index + " is not an fd");
        }
        claimedFdMask |= 1L << index;
        return (Integer) args[index];
    }

    /** The fds no handler claimed; the message's owner closes them after dispatch. */
    public int[] unclaimedFds() {
        int[] fds = new int[spec.fdCount()];
        int n = 0;
        for (int i = 0; i < args.length; i++) {
            if (spec.args().get(i).type() == ArgType.FD && (claimedFdMask & (1L << i)) == 0) {
                fds[n++] = (Integer) args[i];
            }
        }
        return Arrays.copyOf(fds, n);
    }

    Object[] args() {
        return args;
    }

    @Override
    public String toString() {
        return spec + "@" + objectId + Arrays.deepToString(args);
    }
}
