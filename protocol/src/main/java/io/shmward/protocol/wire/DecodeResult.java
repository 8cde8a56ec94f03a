package io.shmward.protocol.wire;

/** What one decoding step yields: a message, a typed error, or a request for more bytes. */
public sealed interface DecodeResult permits Message, DecodeError, DecodeResult.NeedMoreBytes, WaylandRequest {

    /** The buffer does not yet hold a whole message; nothing was consumed. */
    enum NeedMoreBytes implements DecodeResult { INSTANCE }
}
