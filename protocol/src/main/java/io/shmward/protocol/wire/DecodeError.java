package io.shmward.protocol.wire;

/**
 * A message the decoder refuses, with the {@code wl_display.error} entry libwayland posts for it.
 *
 * @param objectId the object the message was addressed to (the error is posted on wl_display regardless)
 */
public record DecodeError(Kind kind, int objectId, String message) implements DecodeResult {

    public enum Kind {
        /** Size field below 8, not a multiple of 4, or above the maximum message size. */
        BAD_SIZE("invalid_method"),
        /** The message is addressed to an id with no live object. */
        UNKNOWN_OBJECT("invalid_object"),
        /** The opcode is past the interface's requests (or events). */
        UNKNOWN_OPCODE("invalid_method"),
        /** The request is newer than the version the object was bound with. */
        TOO_NEW("invalid_method"),
        /** An argument is malformed: string without NUL, lengths past the message, forbidden null, trailing bytes. */
        BAD_ARGUMENTS("invalid_method"),
        /** The message's bytes are complete but its fds have not arrived. */
        MISSING_FD("invalid_method");

        private final String displayError;

        Kind(String displayError) {
            this.displayError = displayError;
        }

        /** The entry of wl_display's error enum this kind is reported as. */
        public String displayError() {
            return displayError;
        }
    }
}
