package io.shmward.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes one message at a time from the front of a buffer. Total by construction: every index it reads
 * is first checked against the message bounds, so any byte sequence yields a {@link Message}, a
 * {@link DecodeError} or {@link DecodeResult.NeedMoreBytes}, never an exception (a jqwik property proves it).
 * A message is consumed from the buffer only when it decodes; after an error the connection is dead anyway.
 */
public final class WireDecoder {
    private final Direction direction;
    private final int maxMessageSize;

    public WireDecoder(Direction direction) {
        this(direction, Wire.MAX_MESSAGE_SIZE);
    }

    public WireDecoder(Direction direction, int maxMessageSize) {
        this.direction = direction;
        this.maxMessageSize = maxMessageSize;
    }

    public DecodeResult decode(ByteBuf in, ObjectLookup objects, FdSource fds) {
        int start = in.readerIndex();
        if (in.readableBytes() < Wire.HEADER_SIZE) {
            return DecodeResult.NeedMoreBytes.INSTANCE;
        }
        int objectId = Wire.getInt(in, start);
        int size = Wire.sizeField(in, start);
        int opcode = Wire.getInt(in, start + 4) & 0xffff;
        if (size < Wire.HEADER_SIZE || size % 4 != 0 || size > maxMessageSize) {
            return new DecodeError(DecodeError.Kind.BAD_SIZE, objectId, "invalid message size " + size);
        }
        if (in.readableBytes() < size) {
            return DecodeResult.NeedMoreBytes.INSTANCE;
        }
        InterfaceSpec iface = objects.interfaceOf(objectId);
        if (iface == null) {
            return new DecodeError(DecodeError.Kind.UNKNOWN_OBJECT, objectId,
                    "invalid object " + Integer.toUnsignedString(objectId));
        }
        List<MessageSpec> table = direction.messagesOf(iface);
        if (opcode >= table.size()) {
            return new DecodeError(DecodeError.Kind.UNKNOWN_OPCODE, objectId,
                    "invalid method " + opcode + ", object " + iface.name() + "#" + Integer.toUnsignedString(objectId));
        }
        MessageSpec spec = table.get(opcode);
        int version = objects.versionOf(objectId);
        if (spec.since() > version) {
            return new DecodeError(DecodeError.Kind.TOO_NEW, objectId, "invalid method " + opcode + " (since "
                    + version + " < " + spec.since() + "), object " + iface.name() + "#" + Integer.toUnsignedString(objectId));
        }
        if (fds.available() < spec.fdCount()) {
            return new DecodeError(DecodeError.Kind.MISSING_FD, objectId, "file descriptor expected for "
                    + spec + " but none arrived with its bytes");
        }
        Object[] args = new Object[spec.args().size()];
        String problem = readArgs(in, start + Wire.HEADER_SIZE, start + size, spec, args);
        if (problem != null) {
            return new DecodeError(DecodeError.Kind.BAD_ARGUMENTS, objectId, "invalid arguments for " + iface.name()
                    + "#" + Integer.toUnsignedString(objectId) + "." + spec.name() + ": " + problem);
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == FD_PLACEHOLDER) {
                args[i] = fds.take();
            }
        }
        in.readerIndex(start + size);
        return new Message(objectId, spec, args);
    }

    /** Marks fd slots until the whole message is known good, so fds leave the queue only for a valid message. */
    private static final Object FD_PLACEHOLDER = new Object();

    /** Fills {@code args}; returns null on success or what is wrong. */
    private static String readArgs(ByteBuf in, int pos, int end, MessageSpec spec, Object[] args) {
        Cursor c = new Cursor(in, pos, end);
        List<ArgSpec> argSpecs = spec.args();
        for (int i = 0; i < args.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            Object value = switch (arg.type()) {
                case FD -> FD_PLACEHOLDER;
                case STRING -> c.string(arg.name(), arg.nullable());
                case ARRAY -> c.array(arg.name());
                case NEW_ID -> arg.isUntypedNewId() ? c.newObject(arg.name()) : c.newId(arg.name());
                case OBJECT -> c.object(arg.name(), arg.nullable());
                case INT, UINT, FIXED -> c.word(arg.name());
            };
            if (c.problem != null) {
                return c.problem;
            }
            args[i] = value;
        }
        if (c.pos != end) {
            return (end - c.pos) + " bytes after the last argument";
        }
        return null;
    }

    /**
     * Reads fields inside one message's bounds. The first failed read records {@link #problem} and every
     * later read returns null without touching the buffer.
     */
    private static final class Cursor {
        private final ByteBuf in;
        private final int end;
        private int pos;
        private String problem;

        Cursor(ByteBuf in, int pos, int end) {
            this.in = in;
            this.pos = pos;
            this.end = end;
        }

        Integer word(String name) {
            if (problem != null) {
                return null;
            }
            if (end - pos < 4) {
                problem = "message too short for " + name;
                return null;
            }
            int value = Wire.getInt(in, pos);
            pos += 4;
            return value;
        }

        Integer object(String name, boolean nullable) {
            Integer id = word(name);
            if (id != null && id == 0 && !nullable) {
                problem = "null object " + name + " not allowed";
            }
            return id;
        }

        Integer newId(String name) {
            Integer id = word(name);
            if (id != null && id == 0) {
                problem = "new id " + name + " is null";
            }
            return id;
        }

        /** Interface name, version, id: the untyped new_id of wl_registry.bind. */
        NewObject newObject(String name) {
            String iface = string(name + " interface", false);
            Integer version = word(name + " version");
            Integer id = newId(name);
            return problem == null ? new NewObject(iface, version, id) : null;
        }

        String string(String name, boolean nullable) {
            Integer length = word(name);
            if (length == null) {
                return null;
            }
            if (length == 0) {
                if (!nullable) {
                    problem = "null string " + name + " not allowed";
                }
                return null;
            }
            if (!fits(length)) {
                problem = "string " + name + " runs past the message";
                return null;
            }
            if (in.getByte(pos + length - 1) != 0) {
                problem = "string " + name + " is not NUL-terminated";
                return null;
            }
            if (in.indexOf(pos, pos + length - 1, (byte) 0) >= 0) {
                problem = "string " + name + " has an embedded NUL";
                return null;
            }
            String s = in.toString(pos, length - 1, StandardCharsets.UTF_8);
            pos += Wire.padded(length);
            return s;
        }

        byte[] array(String name) {
            Integer length = word(name);
            if (length == null) {
                return null;
            }
            if (!fits(length)) {
                problem = "array " + name + " runs past the message";
                return null;
            }
            byte[] bytes = new byte[length];
            in.getBytes(pos, bytes);
            pos += Wire.padded(length);
            return bytes;
        }

        /** True when {@code length} bytes, padded to a word, lie inside the message; false for negatives. */
        private boolean fits(int length) {
            return length >= 0 && length <= end - pos && Wire.padded(length) <= end - pos;
        }
    }
}
