package io.shmward.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.shmward.os.Fd;
import io.shmward.protocol.spec.MessageSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the arguments of one message, inside its bounds, in wire order: the cursor both decoders share. The
 * generated decoders call it with the XML's argument names, which only the error text uses. The first
 * failed read records {@link #problem()}; every later read returns 0 or null without touching the buffer,
 * so a decoder can read a whole signature and check once.
 *
 * <p>It also keeps what the dispatcher needs about the message it read: its header, the object and new_id
 * words it saw (for the checks against the object map) and the fds it handed out (closed after dispatch
 * unless taken). One reader serves one connection and is reset for every message, so a request costs its
 * record and nothing here.
 */
public final class ArgReader {
    private ByteBuf in;
    private int pos;
    private int end;
    private String problem;
    private FdSource fdSource;
    private int objectId;
    private MessageSpec spec;
    private int[] ids = new int[4];
    private int idCount;
    private Fd[] fds = new Fd[1];
    private int fdCount;

    /** Starts on the arguments of {@code spec}, which lie in {@code [pos, end)} of {@code in}. */
    void begin(ByteBuf in, int objectId, MessageSpec spec, int pos, int end, FdSource fdSource) {
        this.in = in;
        this.objectId = objectId;
        this.spec = spec;
        this.pos = pos;
        this.end = end;
        this.fdSource = fdSource;
        this.problem = null;
        this.idCount = 0;
        Arrays.fill(fds, 0, fdCount, null);
        this.fdCount = 0;
    }

    public int objectId() {
        return objectId;
    }

    public MessageSpec spec() {
        return spec;
    }

    /** What is wrong with the arguments read so far, or null. */
    public String problem() {
        return problem;
    }

    public int int32(String name) {
        return word(name);
    }

    public int uint32(String name) {
        return word(name);
    }

    /** The raw 24.8 word (see {@link Fixed}). */
    public int fixed(String name) {
        return word(name);
    }

    /** An object id, 0 for null where the XML allows it. */
    public int object(String name, boolean nullable) {
        int id = word(name);
        if (problem == null && id == 0 && !nullable) {
            problem = "null object " + name + " not allowed";
        }
        return noteId(id);
    }

    public int newId(String name) {
        int id = word(name);
        if (problem == null && id == 0) {
            problem = "new id " + name + " is null";
        }
        return noteId(id);
    }

    /** Interface name, version, id: the untyped new_id of wl_registry.bind. */
    public NewObject newObject(String name) {
        String iface = string(name + " interface", false);
        int version = word(name + " version");
        int id = newId(name);
        return problem == null ? new NewObject(iface, version, id) : null;
    }

    public String string(String name, boolean nullable) {
        int length = word(name);
        if (problem != null) {
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

    public byte[] array(String name) {
        int length = word(name);
        if (problem != null) {
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

    /**
     * True when every argument read and nothing is left over; otherwise records why. Generated decoders ask
     * before {@link #fd()}, so fds leave the queue only for a message that decoded.
     */
    public boolean complete() {
        if (problem == null && pos != end) {
            problem = (end - pos) + " bytes after the last argument";
        }
        return problem == null;
    }

    /** The next queued fd, as a handle the dispatcher closes unless a handler takes it. */
    public Fd fd() {
        Fd fd = Fd.adopt(fdSource.take());
        if (fdCount == fds.length) {
            fds = Arrays.copyOf(fds, fdCount * 2);
        }
        fds[fdCount++] = fd;
        return fd;
    }

    /** How many fds this message took from the queue. */
    public int fdCount() {
        return fdCount;
    }

    public Fd fd(int index) {
        return fds[index];
    }

    /** How many object and new_id words this message carried, in wire order (untyped new_ids included). */
    public int idCount() {
        return idCount;
    }

    public int id(int index) {
        return ids[index];
    }

    private int word(String name) {
        if (problem != null) {
            return 0;
        }
        if (end - pos < 4) {
            problem = "message too short for " + name;
            return 0;
        }
        int value = Wire.getInt(in, pos);
        pos += 4;
        return value;
    }

    private int noteId(int id) {
        if (idCount == ids.length) {
            ids = Arrays.copyOf(ids, idCount * 2);
        }
        ids[idCount++] = id;
        return id;
    }

    /** True when {@code length} bytes, padded to a word, lie inside the message; false for negatives. */
    private boolean fits(int length) {
        return length >= 0 && length <= end - pos && Wire.padded(length) <= end - pos;
    }
}
