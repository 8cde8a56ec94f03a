package io.shmward.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.MessageSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes messages (events on the server, requests on the client) with the signatures the decoder uses.
 * The caller's values must match the signature's Java types (see {@link Message}); a mismatch or a message
 * over the maximum size is a programming error and throws {@link IllegalArgumentException} before
 * anything is written.
 */
public final class WireEncoder {
    private WireEncoder() {
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
        Wire.writeInt(out, message.objectId());
        Wire.writeInt(out, size << 16 | spec.opcode());
        List<ArgSpec> argSpecs = spec.args();
        for (int i = 0; i < args.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            Object v = args[i];
            switch (arg.type()) {
                case FD -> fds.add((Integer) v);
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
    }

    /** The encoded size in bytes, header included; checks the argument types on the way. */
    static int sizeOf(MessageSpec spec, Object[] args) {
        int size = Wire.HEADER_SIZE;
        List<ArgSpec> argSpecs = spec.args();
        for (int i = 0; i < args.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            Object v = args[i];
            size += switch (arg.type()) {
                case FD -> expect(spec, arg, v, Integer.class, 0);
                case STRING -> v == null ? nullOk(spec, arg, 4) : expect(spec, arg, v, String.class, stringSize((String) v));
                case ARRAY -> expect(spec, arg, v, byte[].class, 4 + Wire.padded(((byte[]) v).length));
                case NEW_ID -> arg.isUntypedNewId()
                        ? expect(spec, arg, v, NewObject.class, 8 + stringSize(((NewObject) v).interfaceName()))
                        : expect(spec, arg, v, Integer.class, 4);
                case INT, UINT, FIXED, OBJECT -> expect(spec, arg, v, Integer.class, 4);
            };
        }
        return size;
    }

    private static int stringSize(String s) {
        return 4 + Wire.padded(s.getBytes(StandardCharsets.UTF_8).length + 1);
    }

    private static int expect(MessageSpec spec, ArgSpec arg, Object v, Class<?> type, int size) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(spec + " argument " + arg.name() + " must be a "
                    + type.getSimpleName() + ", got " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        return size;
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
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Wire.writeInt(out, bytes.length + 1);
        out.writeBytes(bytes);
        out.writeZero(Wire.padded(bytes.length + 1) - bytes.length);
    }

    private static void writeArray(ByteBuf out, byte[] bytes) {
        Wire.writeInt(out, bytes.length);
        out.writeBytes(bytes);
        out.writeZero(Wire.padded(bytes.length) - bytes.length);
    }
}
