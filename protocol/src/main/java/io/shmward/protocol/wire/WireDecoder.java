package io.shmward.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.InterfaceSpec;
import io.shmward.protocol.spec.MessageSpec;
import java.util.List;

/**
 * Decodes one message at a time from the front of a buffer, into the dynamic {@link Message} or, for the
 * server's requests, into the records generated from the XML. Total by construction: every index it reads
 * is first checked against the message bounds, so any byte sequence yields a message, a {@link DecodeError}
 * or {@link DecodeResult.NeedMoreBytes}, never an exception (jqwik properties prove it, and that both forms
 * agree).
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

    /** Decodes into the dynamic {@link Message}: for peers and tools that must see any message the XML allows. */
    public DecodeResult decode(ByteBuf in, ObjectLookup objects, FdSource fds) {
        ArgReader args = new ArgReader();
        DecodeResult refused = begin(in, objects, fds, args);
        if (refused != null) {
            return refused;
        }
        MessageSpec spec = args.spec();
        List<ArgSpec> argSpecs = spec.args();
        Object[] values = new Object[argSpecs.size()];
        for (int i = 0; i < values.length; i++) {
            ArgSpec arg = argSpecs.get(i);
            values[i] = switch (arg.type()) {
                case FD -> FD_PLACEHOLDER;
                case STRING -> args.string(arg.name(), arg.nullable());
                case ARRAY -> args.array(arg.name());
                case NEW_ID -> arg.isUntypedNewId() ? args.newObject(arg.name()) : args.newId(arg.name());
                case OBJECT -> args.object(arg.name(), arg.nullable());
                case INT, UINT, FIXED -> args.int32(arg.name());
            };
        }
        if (!args.complete()) {
            return badArguments(args);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == FD_PLACEHOLDER) {
                values[i] = fds.take();
            }
        }
        in.readerIndex(in.readerIndex() + Wire.sizeField(in, in.readerIndex()));
        return new Message(args.objectId(), spec, values);
    }

    /**
     * Decodes a request into its generated record, read by {@code args} (the connection's reader, which
     * then holds the message's header, ids and fds until the next call). The same checks as
     * {@link #decode}, in the same order, with the same errors.
     */
    public DecodeResult decodeRequest(ByteBuf in, RequestTargets objects, FdSource fds, ArgReader args) {
        DecodeResult refused = begin(in, objects, fds, args);
        if (refused != null) {
            return refused;
        }
        WaylandRequest request = objects.typeOf(args.objectId()).decode(args.spec().opcode(), args);
        if (!args.complete()) {
            return badArguments(args);
        }
        in.readerIndex(in.readerIndex() + Wire.sizeField(in, in.readerIndex()));
        return request;
    }

    /**
     * The checks before the arguments: a whole message of a plausible size, to a live object, of a request
     * (or event) its version has, with its fds queued. Returns null and sets {@code args} on the arguments
     * when they pass, or what to answer instead. Consumes nothing.
     */
    private DecodeResult begin(ByteBuf in, ObjectLookup objects, FdSource fds, ArgReader args) {
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
        args.begin(in, objectId, spec, start + Wire.HEADER_SIZE, start + size, fds);
        return null;
    }

    private static DecodeError badArguments(ArgReader args) {
        MessageSpec spec = args.spec();
        return new DecodeError(DecodeError.Kind.BAD_ARGUMENTS, args.objectId(), "invalid arguments for "
                + spec.interfaceName() + "#" + Integer.toUnsignedString(args.objectId()) + "." + spec.name() + ": "
                + args.problem());
    }

    /** Marks fd slots until the whole message is known good, so fds leave the queue only for a valid message. */
    private static final Object FD_PLACEHOLDER = new Object();
}
