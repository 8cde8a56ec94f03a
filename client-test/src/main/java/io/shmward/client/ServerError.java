package io.shmward.client;

/** A {@code wl_display.error} this client received: on which object, which code, and the message. */
public record ServerError(int objectId, String interfaceName, int code, String message) {
    @Override
    public String toString() {
        return interfaceName + "#" + Integer.toUnsignedString(objectId) + " error " + code + ": " + message;
    }
}
