package io.shmward.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds wire bytes by hand, including ones no encoder would produce (a lying size field, a string
 * without its NUL), for tests and attacks. Words are in the host's byte order, as on the wire.
 */
public final class RawMessage {
    private final int objectId;
    private final int opcode;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Integer sizeOverride;

    private RawMessage(int objectId, int opcode) {
        this.objectId = objectId;
        this.opcode = opcode;
    }

    public static RawMessage to(int objectId, int opcode) {
        return new RawMessage(objectId, opcode);
    }

    public RawMessage word(int value) {
        body.writeBytes(words(value));
        return this;
    }

    /** A well-formed string: length with NUL, bytes, NUL, padding. */
    public RawMessage string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        word(b.length + 1);
        body.writeBytes(b);
        body.writeBytes(new byte[pad(b.length + 1) - b.length]);
        return this;
    }

    /** Raw bytes appended as they are (no length, no padding). */
    public RawMessage bytes(byte... raw) {
        body.writeBytes(raw);
        return this;
    }

    /** Puts {@code size} in the header instead of the real size. */
    public RawMessage claimSize(int size) {
        this.sizeOverride = size;
        return this;
    }

    public byte[] build() {
        int size = sizeOverride != null ? sizeOverride : 8 + body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(words(objectId, (size << 16) | (opcode & 0xffff)));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
