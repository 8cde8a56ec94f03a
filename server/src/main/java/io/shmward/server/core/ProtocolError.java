package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;

/**
 * A protocol error to post: the object it is posted on, the code (from that object's interface, or from
 * another interface's enum where the spec says so, like wl_shm's invalid_fd posted on a wl_buffer), and a
 * message. Thrown by request handlers; the client that caused it gets it as {@code wl_display.error} and
 * is disconnected.
 */
public final class ProtocolError extends Exception {
    private final int objectId;
    private final InterfaceSpec objectInterface;
    private final int code;
    private final String codeName;
    private DisconnectReason reason = DisconnectReason.PROTOCOL_ERROR;

    private ProtocolError(int objectId, InterfaceSpec objectInterface, InterfaceSpec enumOwner, String entry,
                          String message) {
        super(message, null, false, false);
        this.objectId = objectId;
        this.objectInterface = objectInterface;
        this.code = enumOwner.errorCode(entry);
        this.codeName = entry;
    }

    /** An error from {@code resource}'s own {@code error} enum, by entry name. */
    public static ProtocolError on(Resource<?> resource, String errorEntry, String message) {
        return new ProtocolError(resource.id(), resource.spec(), resource.spec(), errorEntry, message);
    }

    /** An error of {@code enumOwner}'s {@code error} enum posted on {@code target}. */
    public static ProtocolError on(Resource<?> target, InterfaceSpec enumOwner, String errorEntry, String message) {
        return new ProtocolError(target.id(), target.spec(), enumOwner, errorEntry, message);
    }

    /** A {@code wl_display} error (invalid_object, invalid_method, no_memory, implementation). */
    public static ProtocolError display(String errorEntry, String message) {
        return new ProtocolError(Client.DISPLAY_ID, CoreProtocol.WL_DISPLAY, CoreProtocol.WL_DISPLAY, errorEntry, message);
    }

    /**
     * A client went past one of its per-server bounds ({@code limit} names it, e.g. "wl_buffer limit of
     * 16384"): wl_display's no_memory, and the disconnect is counted as limit-exceeded.
     */
    public static ProtocolError limitExceeded(String limit) {
        return display("no_memory", "client passed its " + limit).because(DisconnectReason.LIMIT_EXCEEDED);
    }

    public int objectId() {
        return objectId;
    }

    public InterfaceSpec objectInterface() {
        return objectInterface;
    }

    public int code() {
        return code;
    }

    /** Records why the client is being dropped when that is more specific than a protocol error. */
    public ProtocolError because(DisconnectReason specific) {
        this.reason = specific;
        return this;
    }

    public DisconnectReason reason() {
        return reason;
    }

    /** The enum entry name of {@link #code()}, for logs and metrics. */
    public String codeName() {
        return codeName;
    }
}
