package io.shmward.protocol.wire;

import java.nio.ByteOrder;

/** Constants and word access of the wire format: 32-bit words in the host's byte order. */
public final class Wire {
    /** Object id word plus (size &lt;&lt; 16 | opcode) word. */
    public static final int HEADER_SIZE = 8;
    /** libwayland's connection buffer is 4096 bytes, so no longer message can ever be delivered. */
    public static final int MAX_MESSAGE_SIZE = 4096;
    /** Kernel limit on fds in one sendmsg (SCM_MAX_FD). */
    public static final int MAX_FDS_PER_SENDMSG = 253;

    static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Wire() {
    }

    static int getInt(io.netty.buffer.ByteBuf buf, int index) {
        return LITTLE_ENDIAN ? buf.getIntLE(index) : buf.getInt(index);
    }

    static void writeInt(io.netty.buffer.ByteBuf buf, int value) {
        if (LITTLE_ENDIAN) {
            buf.writeIntLE(value);
        } else {
            buf.writeInt(value);
        }
    }

    static void setInt(io.netty.buffer.ByteBuf buf, int index, int value) {
        if (LITTLE_ENDIAN) {
            buf.setIntLE(index, value);
        } else {
            buf.setInt(index, value);
        }
    }

    /**
     * The size field of the message whose header starts at {@code index}; the caller has checked that a
     * header is there.
     */
    public static int sizeField(io.netty.buffer.ByteBuf buf, int index) {
        return getInt(buf, index + 4) >>> 16;
    }

    /** Bytes a string or array of {@code length} bytes occupies after padding to a word. */
    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
