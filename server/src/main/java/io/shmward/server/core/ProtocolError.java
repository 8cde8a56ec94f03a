package io.shmward.server.core;

import io.shmward.protocol.spec.InterfaceSpec;

/**
 * A protocol error to post: the object it is posted on, the code from that object's interface, and a
 * message. Thrown by request handlers; the client that caused it gets it as {@code wl_display.error} and
 * is disconnected.
 */
public final class ProtocolError extends Exception {
    private final int objectId;
    private final InterfaceSpec objectInterface;
    private final int code;

    public ProtocolError(int objectId, InterfaceSpec objectInterface, int code, String message) {
        super(message, null, false, false);
        this.objectId = objectId;
        this.objectInterface = objectInterface;
        this.code = code;
    }

    /** An error from {@code resource}'s own {@code error} enum, by entry name. */
    public static ProtocolError on(Resource resource, String errorEntry, String message) {
        return new ProtocolError(resource.id(), resource.spec(), resource.spec().errorCode(errorEntry), message);
    }

    /** A {@code wl_display} error (invalid_object, invalid_method, no_memory, implementation). */
    public static ProtocolError display(String errorEntry, String message) {
        return new ProtocolError(Client.DISPLAY_ID, CoreProtocol.WL_DISPLAY, CoreProtocol.WL_DISPLAY.errorCode(errorEntry), message);
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

    /** The enum entry name of {@link #code()}, for logs and metrics. */
    public String codeName() {
        return objectInterface.enumeration("error").entries().entrySet().stream()
                .filter(e -> e.getValue() == code).map(java.util.Map.Entry::getKey).findFirst()
                .orElse(Integer.toString(code));
    }
}
