package io.shmward.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.ArgType;
import io.shmward.protocol.spec.MessageSpec;
import java.util.List;

/**
 * Encodes messages (events on the server, requests on the client) with the signatures the decoder uses.
 * The caller's values must match the signature's Java types (see {@link Message}); a mismatch or a message
 * over the maximum size is a programming error and throws {@link IllegalArgumentException} before
 * anything is written.
 */
public final class WireEncoder {
    private static final int[] NO_FDS = new int[0];

    private WireEncoder() {
    }

    /**
     * Appends an event with one int-like argument ({@code value}) or none, as {@code spec} says, without a
     * {@link Message}: the hottest events allocate nothing. Other signatures are refused.
     */
    public static void encodeInts(ByteBuf out, int objectId, MessageSpec spec, int value) {
        List<ArgSpec> args = spec.args();
        int size;
        if (args.isEmpty()) {
            size = Wire.HEADER_SIZE;
        } else if (args.size() == 1 && isIntLike(args.getFirst())) {
            size = Wire.HEADER_SIZE + 4;
        } else {
            throw new IllegalArgumentException(spec + " does not take one int-like argument");
        }
        out.ensureWritable(size);
        Wire.writeInt(out, objectId);
        Wire.writeInt(out, size << 16 | spec.opcode());
        if (size > Wire.HEADER_SIZE) {
            Wire.writeInt(out, value);
        }
    }

    private static boolean isIntLike(ArgSpec arg) {
        return switch (arg.type()) {
            case INT, UINT, FIXED, OBJECT -> true;
            case NEW_ID -> !arg.isUntypedNewId();
            case STRING, ARRAY, FD -> false;
        };
    }

    /** Appends {@code message} to {@code out}; its fd arguments go to {@code fds} in order. */
    public static void encode(ByteBuf out, Message message, FdSink fds) {
        MessageSpec spec = message.spec();
        Object[] args = message.args();
        int size = sizeOf(spec, args);
        if (size > Wire.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException(spec + " would be " + size + " bytes, over the "
                    + Wire.MAX_MESSAGE_SIZE + "-byte limit");
        }
        out.ensureWritable(size);
        int start = out.writerIndex();
        int[] fdValues = spec.fdCount() == 0 ? NO_FDS : new int[spec.fdCount()]; // most events carry none
        int fdCount = 0;
        Wire.writeInt(out, message.objectId());
        Wire.writeInt(out, size << 16 | spec.opcode());
        List<ArgSpec> argSpecs = spec.args();
        for (int i = 0; i < args.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            Object v = args[i];
            switch (arg.type()) {
                case FD -> fdValues[fdCount++] = (Integer) v;
                case STRING -> writeString(out, (String) v);
                case ARRAY -> writeArray(out, (byte[]) v);
                case NEW_ID -> {
                    if (arg.isUntypedNewId()) {
                        NewObject n = (NewObject) v;
                        writeString(out, n.interfaceName());
                        Wire.writeInt(out, n.version());
                        Wire.writeInt(out, n.id());
                    } else {
                        Wire.writeInt(out, (Integer) v);
                    }
                }
                case INT, UINT, FIXED, OBJECT -> Wire.writeInt(out, (Integer) v);
            }
        }
        // fds go to the sink only once the bytes are complete, so a refusing sink leaves no torn message
        try {
            for (int fd : fdValues) {
                fds.add(fd);
            }
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** The encoded size in bytes, header included; checks the argument types on the way. */
    static int sizeOf(MessageSpec spec, Object[] args) {
        int size = Wire.HEADER_SIZE;
        List<ArgSpec> argSpecs = spec.args();
        for (int i = 0; i < args.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            Object v = args[i];
            if (v == null && arg.type() == ArgType.STRING) {
                size += nullOk(spec, arg, 4);
                continue;
            }
            expect(spec, arg, v, javaTypeOf(arg));
            size += switch (arg.type()) {
                case FD -> 0;
                case STRING -> stringSize((String) v);
                case ARRAY -> 4 + Wire.padded(((byte[]) v).length);
                case NEW_ID -> arg.isUntypedNewId() ? untypedNewIdSize(spec, arg, (NewObject) v) : 4;
                case INT, UINT, FIXED, OBJECT -> 4;
            };
        }
        return size;
    }

    /** Netty counts and writes UTF-8 alike (an unpaired surrogate is one '?'), with no byte[] in between. */
    private static int stringSize(String s) {
        return 4 + Wire.padded(ByteBufUtil.utf8Bytes(s) + 1);
    }

    /** The Java type {@link Message} documents for values of {@code arg}. */
    private static Class<?> javaTypeOf(ArgSpec arg) {
        return switch (arg.type()) {
            case STRING -> String.class;
            case ARRAY -> byte[].class;
            case NEW_ID -> arg.isUntypedNewId() ? NewObject.class : Integer.class;
            case INT, UINT, FIXED, OBJECT, FD -> Integer.class;
        };
    }

    /** Throws when {@code v} is not a {@code type}; checked before any cast. */
    private static void expect(MessageSpec spec, ArgSpec arg, Object v, Class<?> type) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(spec + " argument " + arg.name() + " must be a "
                    + type.getSimpleName() + ", got " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    private static int untypedNewIdSize(MessageSpec spec, ArgSpec arg, NewObject n) {
        if (n.interfaceName() == null) {
            throw new IllegalArgumentException(spec + " argument " + arg.name() + " needs an interface name");
        }
        return 8 + stringSize(n.interfaceName());
    }

    private static int nullOk(MessageSpec spec, ArgSpec arg, int size) {
        if (!arg.nullable()) {
            throw new IllegalArgumentException(spec + " argument " + arg.name() + " must not be null");
        }
        return size;
    }

    private static void writeString(ByteBuf out, String s) {
        if (s == null) {
            Wire.writeInt(out, 0);
            return;
        }
        int lengthAt = out.writerIndex();
        Wire.writeInt(out, 0);
        int length = ByteBufUtil.writeUtf8(out, s);
        Wire.setInt(out, lengthAt, length + 1);
        out.writeZero(Wire.padded(length + 1) - length);
    }

    private static void writeArray(ByteBuf out, byte[] bytes) {
        Wire.writeInt(out, bytes.length);
        out.writeBytes(bytes);
        out.writeZero(Wire.padded(bytes.length) - bytes.length);
    }
}
